#include "retain/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "retain/format.h"
#include "retain/html.h"

namespace retain {
namespace {

// The drawing area in viewBox units; the page scales it to its width.
constexpr double kWidth = 640;
constexpr double kLeft = 64;
constexpr double kRight = 12;
constexpr double kTop = 12;
constexpr double kPlotHeight = 200;
constexpr double kBottom = 36;
constexpr std::size_t kMostXLabels = 10;

// A number value in units of 10^-places (format.h scaled); nullopt for text and undefined values.
std::optional<std::int64_t> units_at(const value& v, int places) {
  const std::optional<wide_t> units = scaled(v, places);
  if (!units) return std::nullopt;
  return static_cast<std::int64_t>(*units);
}

int places_of(const std::vector<const value*>& values) {
  int places = 0;
  for (const value* v : values) {
    if (const decimal* d = std::get_if<decimal>(v)) places = std::max(places, d->places);
  }
  return places;
}

// A y scale from 0 to a round top with four steps, in units of 10^-places.
struct scale {
  int places = 0;
  std::int64_t step = 1;
  std::int64_t top = 4;

  double y(std::int64_t units) const {
    return kTop + kPlotHeight - kPlotHeight * static_cast<double>(units) / static_cast<double>(top);
  }
};

scale nice_scale(std::int64_t largest, int places) {
  scale s;
  s.places = places;
  if (largest <= 0) {
    largest = 1;
    for (int i = 0; i < places; ++i) largest *= 10;  // 1 in the column's unit
  }
  const std::int64_t raw = (largest + 3) / 4;
  std::int64_t magnitude = 1;
  while (magnitude * 10 <= raw) magnitude *= 10;
  for (std::int64_t m : {1, 2, 5, 10}) {
    if (m * magnitude >= raw) {
      s.step = m * magnitude;
      break;
    }
  }
  s.top = s.step * ((largest + s.step - 1) / s.step);
  return s;
}

std::string tick_text(std::int64_t units, const scale& s, column_kind kind) {
  return html_text(human_text(decimal{units, s.places}, kind));
}

std::string svg_open(double height, const std::string& title) {
  return fmt::format(
      "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" "
      "preserveAspectRatio=\"xMidYMid meet\">",
      kWidth, height, html_text(title));
}

// Gridlines and labels of the y axis, and the unit.
std::string y_axis(const scale& s, column_kind kind, const std::string& unit) {
  std::string out;
  for (std::int64_t u = 0; u <= s.top; u += s.step) {
    const double y = s.y(u);
    out += fmt::format(
        "<line class=\"grid\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\"/>"
        "<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>",
        kLeft, y, kWidth - kRight, y, kLeft - 6, y + 4, tick_text(u, s, kind));
  }
  out += fmt::format(
      "<text class=\"unit\" transform=\"translate(12 {}) rotate(-90)\" "
      "text-anchor=\"middle\">{}</text>",
      kTop + kPlotHeight / 2, html_text(unit));
  return out;
}

// Category labels along x, every nth so that they do not overlap; a label of several words
// wider than its slot ("Potential loyalists") takes a line per word.
std::string x_labels(const std::vector<std::string>& categories, double slot) {
  constexpr double kCharWidth = 6.5;  // of the 11-unit font, roughly
  std::string out;
  const std::size_t every =
      std::max<std::size_t>(1, (categories.size() + kMostXLabels - 1) / kMostXLabels);
  for (std::size_t i = 0; i < categories.size(); i += every) {
    const double x = kLeft + slot * (static_cast<double>(i) + 0.5);
    const std::string& label = categories[i];
    std::string lines;
    if (static_cast<double>(label.size()) * kCharWidth > slot * static_cast<double>(every)) {
      std::size_t start = 0;
      for (std::size_t space = label.find(' '); start <= label.size();
           space = label.find(' ', start)) {
        const std::size_t end = std::min(space, label.size());
        lines += fmt::format("<tspan x=\"{:.1f}\" dy=\"{}\">{}</tspan>", x, start == 0 ? 0 : 12,
                             html_text(label.substr(start, end - start)));
        start = end + 1;
      }
    } else {
      lines = html_text(label);
    }
    out +=
        fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    x, kTop + kPlotHeight + 16, lines);
  }
  return out;
}

std::string legend(const category_chart& chart) {
  std::string out = "<p class=\"legend\">";
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    out += fmt::format("<span><i class=\"key s{}\"></i>{}</span> ", k,
                       html_text(chart.series[k].name));
  }
  if (std::find(chart.partial.begin(), chart.partial.end(), true) != chart.partial.end()) {
    out += "<span><i class=\"key partial-key\"></i>partial window (paler)</span>";
  }
  return out + "</p>";
}

std::string figure(const std::string& title, const std::string& svg, const std::string& after) {
  return fmt::format("<figure class=\"chart\"><figcaption>{}</figcaption>{}{}</figure>\n",
                     html_text(title), svg, after);
}

bool partial_at(const category_chart& chart, std::size_t i) {
  return i < chart.partial.size() && chart.partial[i];
}

// The tooltip and data attributes of one mark.
std::string mark_data(const std::string& category, const std::string& series, const value& v,
                      column_kind kind) {
  return fmt::format(
      " data-category=\"{}\" data-series=\"{}\" data-value=\"{}\"><title>{}: {} {}</title>",
      html_text(category), html_text(series), html_text(plain_text(v)), html_text(category),
      html_text(series), html_text(human_text(v, kind)));
}

std::vector<const value*> all_values(const category_chart& chart) {
  std::vector<const value*> values;
  for (const chart_series& s : chart.series) {
    for (const value& v : s.values) values.push_back(&v);
  }
  return values;
}

// The width along x of each category.
double category_slot(const category_chart& chart) {
  return (kWidth - kLeft - kRight) /
         static_cast<double>(std::max<std::size_t>(1, chart.categories.size()));
}

// The SVG of a category chart up to its marks: the frame and the y axis.
std::string open_plot(const category_chart& chart, const scale& s) {
  return svg_open(kTop + kPlotHeight + kBottom, chart.title) + y_axis(s, chart.kind, chart.unit);
}

// The category labels, the end of the SVG, and the figure with its legend.
std::string close_plot(const category_chart& chart, double slot, const std::string& svg) {
  return figure(chart.title, svg + x_labels(chart.categories, slot) + "</svg>", legend(chart));
}

}  // namespace

std::string stacked_bars(const category_chart& chart) {
  const int places = places_of(all_values(chart));
  std::int64_t largest = 0;
  for (std::size_t i = 0; i < chart.categories.size(); ++i) {
    std::int64_t total = 0;
    for (const chart_series& s : chart.series)
      total += std::max<std::int64_t>(0, units_at(s.values[i], places).value_or(0));
    largest = std::max(largest, total);
  }
  const scale s = nice_scale(largest, places);
  const double slot = category_slot(chart);
  std::string svg = open_plot(chart, s);
  for (std::size_t i = 0; i < chart.categories.size(); ++i) {
    std::int64_t base = 0;
    for (std::size_t k = 0; k < chart.series.size(); ++k) {
      const value& v = chart.series[k].values[i];
      const std::int64_t units = std::max<std::int64_t>(0, units_at(v, places).value_or(0));
      const double top = s.y(base + units);
      svg += fmt::format(
          "<rect class=\"bar s{}{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"",
          k, partial_at(chart, i) ? " partial" : "",
          kLeft + slot * static_cast<double>(i) + slot * 0.1, top, slot * 0.8, s.y(base) - top);
      svg += mark_data(chart.categories[i], chart.series[k].name, v, chart.kind) + "</rect>";
      base += units;
    }
  }
  return close_plot(chart, slot, svg);
}

std::string line_chart(const category_chart& chart) {
  const int places = places_of(all_values(chart));
  std::int64_t largest = 0;
  for (const value* v : all_values(chart))
    largest = std::max(largest, units_at(*v, places).value_or(0));
  const scale s = nice_scale(largest, places);
  const double slot = category_slot(chart);
  std::string svg = open_plot(chart, s);
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    std::string path;
    std::string points;
    bool drawing = false;
    for (std::size_t i = 0; i < chart.categories.size(); ++i) {
      const value& v = chart.series[k].values[i];
      const std::optional<std::int64_t> units = units_at(v, places);
      if (!units) {
        drawing = false;
        continue;
      }
      const double x = kLeft + slot * (static_cast<double>(i) + 0.5);
      const double y = s.y(std::max<std::int64_t>(0, *units));
      path += fmt::format("{}{:.1f} {:.1f}", drawing ? " L" : " M", x, y);
      drawing = true;
      points += fmt::format("<circle class=\"point s{}{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\"", k,
                            partial_at(chart, i) ? " partial" : "", x, y);
      points += mark_data(chart.categories[i], chart.series[k].name, v, chart.kind) + "</circle>";
    }
    if (!path.empty()) svg += fmt::format("<path class=\"line s{}\" d=\"{}\"/>", k, path.substr(1));
    svg += points;
  }
  return close_plot(chart, slot, svg);
}

std::string heat_map(const heat_map_chart& chart) {
  std::vector<const value*> scaled;
  for (const auto& row : chart.cells) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c < chart.on_scale.size() && chart.on_scale[c]) scaled.push_back(&row[c]);
    }
  }
  const int places = places_of(scaled);
  std::optional<std::int64_t> low;
  std::optional<std::int64_t> high;
  for (const value* v : scaled) {
    if (const std::optional<std::int64_t> u = units_at(*v, places)) {
      low = low ? std::min(*low, *u) : *u;
      high = high ? std::max(*high, *u) : *u;
    }
  }
  const double label_width = 64;
  const double cell_w = (kWidth - label_width - kRight) /
                        static_cast<double>(std::max<std::size_t>(1, chart.columns.size()));
  const double cell_h = 12;
  const double legend_y = kTop + cell_h * static_cast<double>(chart.rows.size()) + 28;
  const double height = legend_y + 40;
  std::string svg = svg_open(height, chart.title);
  svg +=
      "<defs><linearGradient id=\"heat-scale\"><stop offset=\"0\" class=\"heat-low\"/>"
      "<stop offset=\"1\" class=\"heat-high\"/></linearGradient></defs>";
  const std::size_t every_row = std::max<std::size_t>(1, (chart.rows.size() + 23) / 24);
  // A row is a group moved into place, its cells only an x: a page of many cohorts stays small.
  // The values are in the table below the chart (and a row's tooltip names the cohort).
  for (std::size_t r = 0; r < chart.rows.size(); ++r) {
    const double y = kTop + cell_h * static_cast<double>(r);
    svg += fmt::format(
        "<g class=\"cells\" data-row=\"{}\" transform=\"translate(0 {:.1f})\"><title>{} {}</title>",
        html_text(chart.rows[r]), y, html_text(chart.row_title), html_text(chart.rows[r]));
    if (r % every_row == 0) {
      svg += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                         label_width - 6, cell_h - 2, html_text(chart.rows[r]));
    }
    for (std::size_t c = 0; c < chart.cells[r].size() && c < chart.columns.size(); ++c) {
      const value& v = chart.cells[r][c];
      const std::optional<std::int64_t> u = units_at(v, places);
      if (!u) continue;
      double strength = 1;  // off the scale (period 0): full strength
      if (c < chart.on_scale.size() && chart.on_scale[c] && low && *high > *low) {
        strength = static_cast<double>(*u - *low) / static_cast<double>(*high - *low);
      }
      svg += fmt::format(
          "<rect x=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" fill-opacity=\"{:.2f}\" "
          "data-column=\"{}\" "
          "data-value=\"{}\"/>",
          label_width + cell_w * static_cast<double>(c), cell_w + 0.05, cell_h,
          0.06 + 0.94 * strength, html_text(chart.columns[c]), html_text(plain_text(v)));
    }
    svg += "</g>";
  }
  const double columns_y = kTop + cell_h * static_cast<double>(chart.rows.size()) + 12;
  const std::size_t every_column = std::max<std::size_t>(1, (chart.columns.size() + 11) / 12);
  for (std::size_t c = 0; c < chart.columns.size(); c += every_column) {
    svg += fmt::format(
        "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
        label_width + cell_w * (static_cast<double>(c) + 0.5), columns_y,
        html_text(chart.columns[c]));
  }
  svg += fmt::format("<text class=\"unit\" x=\"{}\" y=\"{:.1f}\">{}</text>", label_width,
                     columns_y + 14, html_text(chart.column_title));
  // The scale: its lowest and highest values as the table prints them.
  const std::string low_text = low ? human_text(decimal{*low, places}, chart.kind) : "-";
  const std::string high_text = high ? human_text(decimal{*high, places}, chart.kind) : "-";
  svg += fmt::format(
      "<rect class=\"scale\" x=\"{}\" y=\"{:.1f}\" width=\"200\" height=\"10\" "
      "fill=\"url(#heat-scale)\"/>"
      "<text class=\"tick scale-low\" x=\"{}\" y=\"{:.1f}\">{}</text>"
      "<text class=\"tick scale-high\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>",
      label_width, legend_y, label_width, legend_y + 24, html_text(low_text), label_width + 200,
      legend_y + 24, html_text(high_text));
  svg += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{:.1f}\">{}</text>", label_width + 210,
                     legend_y + 9, html_text("colour scale (the first column at full strength)"));
  svg += "</svg>";
  return figure(chart.title, svg, "");
}

std::string lorenz_curve(const lorenz_chart& chart) {
  const double size = 300;  // the plot is square
  const double left = kLeft;
  const double top = kTop;
  auto x_of = [&](const value& v) {
    return left + size * static_cast<double>(units_at(v, 4).value_or(0)) / 10000;
  };
  auto y_of = [&](const value& v) {
    return top + size - size * static_cast<double>(units_at(v, 4).value_or(0)) / 10000;
  };
  const double height = top + size + kBottom + 8;
  std::string svg = svg_open(height, chart.title);
  for (int i = 0; i <= 4; ++i) {
    const decimal share{i * 2500, 4};
    const double x = left + size * i / 4;
    const double y = top + size - size * i / 4;
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\"/>"
        "<line class=\"grid\" x1=\"{3:.1f}\" y1=\"{4}\" x2=\"{3:.1f}\" y2=\"{5}\"/>"
        "<text class=\"tick\" x=\"{6}\" y=\"{7:.1f}\" text-anchor=\"end\">{8}</text>"
        "<text class=\"tick\" x=\"{3:.1f}\" y=\"{9}\" text-anchor=\"middle\">{8}</text>",
        left, y, left + size, x, top, top + size, left - 6, y + 4,
        html_text(human_text(share, column_kind::rate)), top + size + 16);
  }
  svg += fmt::format(
      "<text class=\"unit\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">customers, largest revenue "
      "first</text>"
      "<text class=\"unit\" transform=\"translate(12 {}) rotate(-90)\" "
      "text-anchor=\"middle\">share of revenue</text>",
      left + size / 2, top + size + 32, top + size / 2);
  svg += fmt::format("<line class=\"diagonal\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>", left,
                     top + size, left + size, top);
  std::string points;
  std::string marks;
  for (std::size_t i = 0; i < chart.customer_share.size(); ++i) {
    const value& x = chart.customer_share[i];
    const value& y = chart.revenue_share[i];
    points += fmt::format("{:.1f},{:.1f} ", x_of(x), y_of(y));
    marks += fmt::format(
        "<circle class=\"point s0\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"1.5\" "
        "data-customer-share=\"{}\" "
        "data-value=\"{}\"><title>{} of customers: {} of revenue</title></circle>",
        x_of(x), y_of(y), html_text(plain_text(x)), html_text(plain_text(y)),
        html_text(human_text(x, column_kind::rate)), html_text(human_text(y, column_kind::rate)));
  }
  svg += fmt::format("<polyline class=\"line s0\" points=\"{}\"/>", points) + marks;
  // Each mark: dashed lines from both axes to its point of the curve, and its label in a row of
  // its own right of the plot.
  const double label_x = left + size + 12;
  auto mark = [&](const value& x, const value& y, const value& shown, const std::string& text,
                  int row) {
    if (!units_at(shown, 4)) return;
    svg += fmt::format(
        "<line class=\"mark\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>"
        "<line class=\"mark\" x1=\"{3}\" y1=\"{2:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>"
        "<text class=\"mark-label\" x=\"{4}\" y=\"{5:.1f}\" data-value=\"{6}\">{7}</text>",
        x_of(x), top + size, y_of(y), left, label_x, top + size * 0.45 + 18 * row,
        html_text(plain_text(shown)), html_text(text));
  };
  const value fifth = decimal{2000, 4};
  const value eighty = decimal{8000, 4};
  mark(fifth, chart.top20_revenue_share, chart.top20_revenue_share,
       "top 20% of customers: " + human_text(chart.top20_revenue_share, column_kind::rate) +
           " of revenue",
       0);
  mark(chart.customers_for_80_percent, eighty, chart.customers_for_80_percent,
       human_text(chart.customers_for_80_percent, column_kind::rate) +
           " of customers: 80% of revenue",
       1);
  svg += "</svg>";
  return figure(chart.title, svg, "");
}

}  // namespace retain
