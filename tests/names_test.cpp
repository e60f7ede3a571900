#include "retain/names.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "retain/calendar.h"
#include "retain/cohorts.h"
#include "retain/columns.h"
#include "retain/customers.h"
#include "retain/format.h"

using namespace retain;  // NOLINT

namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Each value has one name, and each name, in its own case or upper case, reads as its value.
template <typename Table, typename T>
void check_round_trip(const Table& table, const std::vector<T>& values) {
  std::size_t entries = 0;
  for (const auto& entry : table) {
    ++entries;
    CHECK(parse_name(table, entry.name) == entry.value);
    CHECK(parse_name(table, upper(entry.name)) == entry.value);
    CHECK(name_of(table, entry.value) == entry.name);
  }
  CHECK(entries == values.size());
  for (const T& each : values) {
    const auto count = std::count_if(std::begin(table), std::end(table),
                                     [&](const auto& entry) { return entry.value == each; });
    CHECK(count == 1);
  }
}

}  // namespace

TEST_CASE("Every value of each flag's enum has one name that reads back as it", "[names]") {
  check_round_trip(kWindowKindNames,
                   std::vector<window_kind>{window_kind::day, window_kind::week, window_kind::month,
                                            window_kind::quarter, window_kind::year,
                                            window_kind::all});
  check_round_trip(kOutputFormatNames,
                   std::vector<output_format>{output_format::table, output_format::csv,
                                              output_format::tsv, output_format::json,
                                              output_format::markdown, output_format::xlsx});
  check_round_trip(kCohortMetricNames,
                   std::vector<cohort_metric>{cohort_metric::retention, cohort_metric::customers,
                                              cohort_metric::orders, cohort_metric::revenue,
                                              cohort_metric::revenue_per_customer});
  check_round_trip(kTimeUnitNames, std::vector<time_unit>{time_unit::days, time_unit::weeks});
  check_round_trip(kSortKeyNames,
                   std::vector<sort_key>{sort_key::revenue, sort_key::orders, sort_key::aov,
                                         sort_key::first_order, sort_key::last_order,
                                         sort_key::days_since_last_order, sort_key::frequency,
                                         sort_key::recency, sort_key::t, sort_key::monetary_value,
                                         sort_key::r_score, sort_key::f_score, sort_key::m_score,
                                         sort_key::segment, sort_key::customer});
  check_round_trip(kAmountKindNames,
                   std::vector<amount_kind>{amount_kind::order_total, amount_kind::line});
}

TEST_CASE("Names are read in any case and written as the table writes them", "[names]") {
  CHECK(parse_name(kOutputFormatNames, "CSV") == output_format::csv);
  CHECK(parse_name(kWindowKindNames, "Quarter") == window_kind::quarter);
  CHECK(parse_name(kSortKeyNames, "t") == sort_key::t);
  CHECK(name_of(kSortKeyNames, sort_key::t) == "T");
  CHECK(parse_name(kCohortMetricNames, "Revenue_Per_Customer") ==
        cohort_metric::revenue_per_customer);
}

TEST_CASE("Unknown names are not read", "[names]") {
  CHECK_FALSE(parse_name(kWindowKindNames, "fortnight").has_value());
  CHECK_FALSE(parse_name(kWindowKindNames, "").has_value());
  CHECK_FALSE(parse_name(kWindowKindNames, "months").has_value());
  CHECK_FALSE(parse_name(kCohortMetricNames, "revenue-per-customer").has_value());
  CHECK_FALSE(parse_name(kSortKeyNames, "score").has_value());
  CHECK_FALSE(parse_name(kTimeUnitNames, "day").has_value());
}

TEST_CASE("A value without a name has an empty name", "[names]") {
  CHECK(name_of(kAmountKindNames, amount_kind::unknown).empty());
}

TEST_CASE("The names list for help and errors ends with or", "[names]") {
  CHECK(names_list(kWindowKindNames) == "day, week, month, quarter, year or all");
  CHECK(names_list(kTimeUnitNames) == "days or weeks");
  CHECK(names_list(std::vector<named<time_unit>>{{"days", time_unit::days}}) == "days");
  CHECK(names_list(std::vector<named<time_unit>>{}).empty());
}

TEST_CASE("Picked names keep the table's order and names", "[names]") {
  const auto picked =
      pick_names(kWindowKindNames, {window_kind::year, window_kind::week, window_kind::month});
  CHECK(names_list(picked) == "week, month or year");
  CHECK(parse_name(picked, "WEEK") == window_kind::week);
  CHECK_FALSE(parse_name(picked, "day").has_value());
}
