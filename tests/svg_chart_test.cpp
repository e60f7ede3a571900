#include "retain/svg_chart.h"

#include <catch2/catch.hpp>
#include <string>

using namespace retain;  // NOLINT

namespace {

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1))
    ++n;
  return n;
}

category_chart two_windows() {
  return {"Customers",
          "customers",
          column_kind::count,
          {"2024-01", "2024-02"},
          {false, true},
          {{"new", {std::int64_t{3}, std::int64_t{1}}},
           {"returning", {std::int64_t{0}, std::int64_t{2}}}}};
}

}  // namespace

TEST_CASE("Stacked bars: a bar per window and series, its value as CSV prints it", "[svg_chart]") {
  const std::string svg = stacked_bars(two_windows());
  CHECK(count(svg, "<rect class=\"bar ") == 4);
  CHECK(count(svg, "class=\"bar s1 partial\"") == 1);
  CHECK(svg.find("data-category=\"2024-02\" data-series=\"returning\" data-value=\"2\"") !=
        std::string::npos);
  CHECK(svg.find("<figcaption>Customers</figcaption>") != std::string::npos);
  CHECK(svg.find("partial window") != std::string::npos);
}

TEST_CASE("Lines: a point per defined value, a gap where a value is undefined", "[svg_chart]") {
  category_chart chart{"Rates",
                       "share",
                       column_kind::rate,
                       {"a", "b", "c"},
                       {},
                       {{"retention", {value(), decimal{2500, 4}, decimal{5000, 4}}},
                        {"churn", {decimal{1000, 4}, value(), decimal{1234, 4}}}}};
  const std::string svg = line_chart(chart);
  CHECK(count(svg, "<circle class=\"point ") == 4);
  CHECK(count(svg, "<path class=\"line s1\" d=\"M") == 1);
  CHECK(count(svg, " M") == 1);  // churn: a new segment after its gap
  CHECK(svg.find("data-value=\"0.1234\"><title>c: churn 12.34%</title>") != std::string::npos);
  CHECK(svg.find(">60.00%</text>") != std::string::npos);  // a round top above the largest value
}

TEST_CASE("Heat map: a cell per defined value, the scale labelled with the lowest and highest",
          "[svg_chart]") {
  heat_map_chart chart{"Retention",
                       "cohort",
                       "months",
                       column_kind::rate,
                       {"2024-01", "2024-02"},
                       {"p0", "p1", "p2"},
                       {{decimal{10000, 4}, decimal{2500, 4}, decimal{1000, 4}},
                        {decimal{10000, 4}, decimal{4000, 4}, value()}},
                       {false, true, true}};
  const std::string svg = heat_map(chart);
  CHECK(count(svg, "<rect x=") == 5);
  CHECK(count(svg, "<g class=\"cells\" data-row=") == 2);
  CHECK(svg.find("class=\"tick scale-low\" x=\"64\" y=\"") != std::string::npos);
  CHECK(svg.find(">10.00%</text>") != std::string::npos);
  CHECK(svg.find(">40.00%</text>") != std::string::npos);
  CHECK(svg.find("data-row=\"2024-02\"") < svg.find("data-column=\"p1\" data-value=\"0.4000\""));
}

TEST_CASE("Lorenz curve: a point per share, the top 20% and 80% marks", "[svg_chart]") {
  lorenz_chart chart{"Concentration",
                     {decimal{0, 4}, decimal{5000, 4}, decimal{10000, 4}},
                     {decimal{0, 4}, decimal{9000, 4}, decimal{10000, 4}},
                     decimal{7036, 4},
                     decimal{3253, 4}};
  const std::string svg = lorenz_curve(chart);
  CHECK(count(svg, "<circle class=\"point") == 3);
  CHECK(svg.find("top 20% of customers: 70.36% of revenue") != std::string::npos);
  CHECK(svg.find("32.53% of customers: 80% of revenue") != std::string::npos);
}

TEST_CASE("Hostile categories and series names are text in the SVG", "[svg_chart]") {
  category_chart chart = two_windows();
  chart.categories[0] = "<script>alert(1)</script>";
  chart.series[0].name = "\" onload=\"alert(1)";
  const std::string svg = stacked_bars(chart) + line_chart(chart);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("\" onload") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
}
