#include "retain/summary.h"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <sstream>

#include "retain/error.h"
#include "retain/format.h"
#include "test_books.h"

using namespace retain;  // NOLINT
using retain::testing::book_of;
using retain::testing::d;

namespace {

std::string text(const std::optional<decimal>& d) { return d ? to_string(*d) : "-"; }

// The summary's own numbers in column order: one_time_buyer_share median_orders_per_customer
// median_days_to_second_order median_customer_value p90_customer_value top20pct_revenue_share
// customer_share_for_80pct_revenue ("-" when undefined).
std::string own(const window_summary& s) {
  return text(s.one_time_buyer_share) + " " + text(s.median_orders_per_customer) + " " +
         text(s.median_days_to_second_order) + " " + text(s.median_customer_value) + " " +
         text(s.p90_customer_value) + " " + text(s.top20pct_revenue_share) + " " +
         text(s.customer_share_for_80pct_revenue);
}

std::vector<window_summary> run(const order_book& book, window_kind kind,
                                std::optional<day_t> from = {}, std::optional<day_t> to = {}) {
  return compute_summary(book, {kind, from, to});
}

// Five customers, all first seen in January 2024 (values in cents, days to the second order):
//   c0  2 orders  15000  10 days      c3  1 order     100
//   c1  1 order    3000               c4  2 orders   2500  60 days
//   c2  3 orders   4000  0 days (two orders on one day)
const order_book kFive = book_of({{0, d(2024, 1, 1), 10000},
                                  {0, d(2024, 1, 11), 5000},
                                  {1, d(2024, 1, 2), 3000},
                                  {2, d(2024, 1, 3), 2000},
                                  {2, d(2024, 1, 3), 1000},
                                  {2, d(2024, 2, 2), 1000},
                                  {3, d(2024, 1, 5), 100},
                                  {4, d(2024, 1, 10), 1500},
                                  {4, d(2024, 3, 10), 1000}});

// Seven customers over January to April 2024 (test_books.h).
const order_book kSeven = retain::testing::seven_customers();

}  // namespace

TEST_CASE("Five customers: the top 20% is the one largest, medians of odd counts", "[summary]") {
  const auto summaries = run(kFive, window_kind::all);
  REQUIRE(summaries.size() == 1);
  const window_summary& s = summaries[0];
  CHECK(s.totals.customers == 5);
  CHECK(s.totals.orders == 9);
  CHECK(s.totals.revenue == 24600);
  CHECK(text(s.one_time_buyer_share) == "0.4000");              // c1, c3
  CHECK(text(s.median_orders_per_customer) == "2.0");           // 1 1 [2] 2 3
  CHECK(text(s.median_days_to_second_order) == "10.0");         // 0 [10] 60
  CHECK(text(s.median_customer_value) == "30.00");              // 1.00 25.00 [30.00] 40.00 150.00
  CHECK(text(s.p90_customer_value) == "150.00");                // rank ceil(4.5) = 5
  CHECK(text(s.top20pct_revenue_share) == "0.6098");            // 15000 / 24600
  CHECK(text(s.customer_share_for_80pct_revenue) == "0.6000");  // 15000+4000+3000 >= 19680
}

TEST_CASE("Seven customers: the top 20% is the two largest, medians of even counts", "[summary]") {
  const window_summary s = run(kSeven, window_kind::all).at(0);
  CHECK(s.totals.customers == 7);
  CHECK(s.totals.orders == 16);
  CHECK(s.totals.revenue == 33601);
  // Values 5.00 15.00 21.01 [35.00] 60.00 70.00 130.00; orders 1 2 2 [2] 3 3 3;
  // days 2 31 [31 42] 44 91; top two 13000 + 7000 = 20000 of 33601; 80% = 26880.8 needs
  // 13000 + 7000 + 6000 + 3500, four of seven.
  CHECK(own(s) == "0.1429 2.0 36.5 35.00 130.00 0.5952 0.5714");
}

TEST_CASE("Each window counts its own orders; a return counts where the customer began",
          "[summary]") {
  const auto months = run(kSeven, window_kind::month);
  REQUIRE(months.size() == 4);
  // January: values 5 5 10 [20] 30 70 100 (c1 7000); all seven are new there, and their
  // returns count there even when they fall in a later month.
  CHECK(months[0].totals.label == "2024-01");
  CHECK(own(months[0]) == "0.8571 1.0 36.5 20.00 100.00 0.7083 0.4286");
  // February: 4 customers, values 5.00 [16.01 20.00] 30.00 (median 18.005 rounds up), orders
  // 1 [1 2] 2; the top fifth is one customer: 3000 / 7101; 80% = 5680.8 needs three of four.
  // Nobody is new in February.
  CHECK(own(months[1]) == "0.5000 1.5 - 18.01 30.00 0.4225 0.7500");
  // March has no orders: nothing is defined.
  CHECK(months[2].totals.customers == 0);
  CHECK(own(months[2]) == "- - - - - - -");
  // April: one order each, 10.00 and 15.00; p90 is rank ceil(1.8) = 2; both customers are
  // needed for 80%.
  CHECK(own(months[3]) == "1.0000 1.0 - 12.50 15.00 0.6000 1.0000");
}

TEST_CASE("Days to the second order count only returns by --to and customers new after --from",
          "[summary]") {
  // --to 2024-02-29: c3's return on April 4 is after it (2 31 [31] 42 44).
  CHECK(text(run(kSeven, window_kind::all, {}, d(2024, 2, 29)).at(0).median_days_to_second_order) ==
        "31.0");
  // --from 2024-01-04: c0, c1 and c2 were first seen before it; c3 91, c4 42, c6 44 remain.
  const window_summary late = run(kSeven, window_kind::all, d(2024, 1, 4)).at(0);
  CHECK(text(late.median_days_to_second_order) == "44.0");
  // c1's order of January 2 is before --from too: c1 has one order left, as c5 has.
  CHECK(late.totals.customers == 7);
  CHECK(text(late.one_time_buyer_share) == "0.2857");
}

TEST_CASE("Reaching exactly 80% of revenue is enough", "[summary]") {
  const order_book book =
      book_of({{0, d(2024, 1, 1), 8000}, {1, d(2024, 1, 2), 1000}, {2, d(2024, 1, 3), 1000}});
  const window_summary s = run(book, window_kind::all).at(0);
  CHECK(text(s.customer_share_for_80pct_revenue) == "0.3333");
  CHECK(text(s.top20pct_revenue_share) == "0.8000");  // ceil(0.6) = 1 customer
}

TEST_CASE("Revenue shares are undefined when revenue is zero or less", "[summary]") {
  const order_book book = book_of({{0, d(2024, 1, 1), -500}, {1, d(2024, 1, 2), 500}});
  const window_summary s = run(book, window_kind::all).at(0);
  CHECK(own(s) == "1.0000 1.0 - 0.00 5.00 - -");
}

TEST_CASE("A range without orders gives windows of nothing; an empty book gives no rows",
          "[summary]") {
  const auto december = run(kFive, window_kind::month, d(2023, 12, 1), d(2023, 12, 31));
  REQUIRE(december.size() == 1);
  CHECK(december[0].totals.customers == 0);
  CHECK(own(december[0]) == "- - - - - - -");
  CHECK(run(order_book{}, window_kind::all).empty());
  CHECK(run(kFive, window_kind::all, d(2024, 4, 1)).empty());  // --from after the last order
}

TEST_CASE("A customer's value that overflows is an error", "[summary]") {
  // The window's revenue fits (-5e18 + 5e18 + 5e18); c1's own does not.
  const cents_t big = 5'000'000'000'000'000'000;
  const order_book book =
      book_of({{0, d(2024, 1, 1), -big}, {1, d(2024, 1, 2), big}, {1, d(2024, 1, 3), big}});
  CHECK_THROWS_WITH(run(book, window_kind::all),
                    "revenue of customer \"c1\" in all is too large to count in cents");
}

namespace {

// 400 customers with 1 to 8 orders each over 2023 and 2024, amounts 0.00 to 500.00.
order_book generated_book() {
  std::mt19937 random(20240101);
  std::uniform_int_distribution<int> orders(1, 8), day(0, 730), cents(0, 50000);
  std::vector<order> all;
  for (std::uint32_t c = 0; c < 400; ++c) {
    for (int n = orders(random); n > 0; --n)
      all.push_back({c, d(2023, 1, 1) + day(random), cents(random)});
  }
  return book_of(std::move(all));
}

// The CSV of a table as column name -> the column's cells, top to bottom.
std::map<std::string, std::vector<std::string>> csv_columns(const table& t) {
  std::map<std::string, std::vector<std::string>> columns;
  std::istringstream lines(render(t, output_format::csv));
  std::string line;
  std::getline(lines, line);  // the header: the same names as t.columns
  while (std::getline(lines, line)) {
    std::istringstream fields(line + ",");  // a trailing empty field still counts
    std::size_t c = 0;
    for (std::string field; std::getline(fields, field, ','); ++c) {
      columns[t.columns.at(c).name].push_back(field);
    }
  }
  return columns;
}

const window_kind kKinds[] = {window_kind::day,     window_kind::week, window_kind::month,
                              window_kind::quarter, window_kind::year, window_kind::all};

}  // namespace

TEST_CASE("Every column the summary shares with metrics has metrics' values", "[summary]") {
  const order_book book = generated_book();
  const std::optional<day_t> froms[] = {std::nullopt, d(2023, 5, 17)};
  const std::optional<day_t> tos[] = {std::nullopt, d(2024, 8, 3)};
  for (window_kind kind : kKinds) {
    for (std::optional<day_t> from : froms) {
      for (std::optional<day_t> to : tos) {
        const window_options options{kind, from, to};
        INFO(window_label(kind, 0)
             << " " << (from ? iso_date(*from) : "-") << " " << (to ? iso_date(*to) : "-"));
        auto metrics = csv_columns(metrics_table(compute_metrics(book, options)));
        auto summary = csv_columns(summary_table(compute_summary(book, options)));
        std::size_t shared = 0;
        for (const auto& [name, cells] : summary) {
          if (metrics.count(name) == 0) continue;
          INFO(name);
          CHECK(cells == metrics[name]);
          ++shared;
        }
        CHECK(shared == 11);  // window, start, end, customers ... customer_value, complete
      }
    }
  }
}

TEST_CASE("Summaries of amounts of zero or more keep their order", "[summary]") {
  const order_book book = generated_book();
  for (window_kind kind : kKinds) {
    for (const window_summary& s : compute_summary(book, {kind, {}, {}})) {
      INFO(s.totals.label);
      const std::uint64_t n = s.totals.customers;
      if (n == 0) continue;
      // The top k of n customers hold at least k / n of the revenue.
      CHECK(s.top20pct_revenue_share->units >= ratio((n + 4) / 5, n, 4).units);
      CHECK(s.customer_share_for_80pct_revenue->units <= ratio((4 * n + 4) / 5, n, 4).units);
      CHECK(s.median_customer_value->units <= s.p90_customer_value->units);
      const std::int64_t one = s.one_time_buyer_share->units + repeat_rate(s.totals)->units;
      CHECK((one >= 9999 && one <= 10001));
    }
  }
}
