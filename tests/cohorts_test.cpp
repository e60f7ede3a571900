#include "retain/cohorts.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <tuple>

#include "retain/format.h"
#include "retain/loader.h"
#include "retain/metrics.h"
#include "test_books.h"

using namespace retain;  // NOLINT
using retain::testing::book_of;
using retain::testing::d;

namespace {


// Cohort 2024-01: customer 0 (twice in January, then February and April), 1 (January, March)
// and 2 (January only). Cohort 2024-02: 3 (twice in February, then March) and 4 (February only).
// Cohort 2024-03: 5 (March, April). Cohort 2024-04: 6. April is the last window.
const order_book kShop = book_of({{0, d(2024, 1, 5), 1000},
                                  {0, d(2024, 1, 20), 500},
                                  {0, d(2024, 2, 10), 2000},
                                  {0, d(2024, 4, 2), 750},
                                  {1, d(2024, 1, 15), 3000},
                                  {1, d(2024, 3, 3), 1200},
                                  {2, d(2024, 1, 31), 800},
                                  {3, d(2024, 2, 1), 1500},
                                  {3, d(2024, 2, 28), 500},
                                  {3, d(2024, 3, 15), 2500},
                                  {4, d(2024, 2, 14), 4000},
                                  {5, d(2024, 3, 9), 999},
                                  {5, d(2024, 4, 1), 1},
                                  {6, d(2024, 4, 15), 5000}});

// With --partial include (kShop ends on 2024-04-15): the tests of partial periods below say
// what the default leaves out.
cohort_table run(const order_book& book, cohort_metric metric, bool cumulative = false,
                 window_kind kind = window_kind::month) {
  return compute_cohorts(book, {kind, metric, cumulative, std::nullopt, std::nullopt, std::nullopt,
                                partial_policy::include});
}

// One line per cohort: label, size, then the totals of its complete periods.
std::vector<std::string> totals(const cohort_table& t) {
  std::vector<std::string> out;
  for (const cohort& c : t.cohorts) {
    std::string line = c.label + " n" + std::to_string(c.customers) + ":";
    for (std::int64_t total : c.totals) line += " " + std::to_string(total);
    out.push_back(line);
  }
  return out;
}

std::string wide_csv(const cohort_table& t) {
  return render(cohort_wide_table(t), output_format::csv);
}

}  // namespace

TEST_CASE("Customers counts each customer once in every period they ordered in", "[cohorts]") {
  cohort_table t = run(kShop, cohort_metric::customers);
  CHECK(t.periods == 4);
  CHECK(totals(t) == std::vector<std::string>{"2024-01 n3: 3 1 1 1", "2024-02 n2: 2 1 0",
                                              "2024-03 n1: 1 1", "2024-04 n1: 1"});
}

TEST_CASE("From and to keep the cohorts first seen within them and the orders up to to",
          "[cohorts]") {
  cohort_options options;
  options.metric = cohort_metric::customers;
  options.from = d(2024, 2, 1);
  options.to = d(2024, 3, 31);
  cohort_table t = compute_cohorts(kShop, options);
  CHECK(t.periods == 2);
  CHECK(totals(t) == std::vector<std::string>{"2024-02 n2: 2 1", "2024-03 n1: 1"});
  options.to = d(2023, 12, 31);
  CHECK(compute_cohorts(kShop, options).cohorts.empty());
}

TEST_CASE("Retention is the active share of the cohort, incomplete periods empty", "[cohorts]") {
  CHECK(wide_csv(run(kShop, cohort_metric::retention)) ==
        "cohort,cohort_customers,p0,p1,p2,p3\n"
        "2024-01,3,1.0000,0.3333,0.3333,0.3333\n"
        "2024-02,2,1.0000,0.5000,0.0000,\n"
        "2024-03,1,1.0000,1.0000,,\n"
        "2024-04,1,1.0000,,,\n");
}

TEST_CASE("Periods in a window the data ends inside are empty unless --partial include",
          "[cohorts]") {
  // kShop ends 2024-04-15: April, period 3 of January's cohort, 2 of February's, ..., is cut.
  cohort_options options;
  options.metric = cohort_metric::customers;
  cohort_table t = compute_cohorts(kShop, options);
  CHECK(t.periods == 3);
  CHECK(totals(t) == std::vector<std::string>{"2024-01 n3: 3 1 1", "2024-02 n2: 2 1",
                                              "2024-03 n1: 1", "2024-04 n1:"});
  CHECK(wide_csv(t) ==
        "cohort,cohort_customers,p0,p1,p2\n"
        "2024-01,3,3,1,1\n"
        "2024-02,2,2,1,\n"
        "2024-03,1,1,,\n"
        "2024-04,1,,,\n");
  // A --to on the window's last day, or the input's last day (a group's) there, makes it whole.
  options.to = d(2024, 4, 30);
  CHECK(compute_cohorts(kShop, options).periods == 4);
  options.to.reset();
  options.last_day = d(2024, 4, 30);
  CHECK(compute_cohorts(kShop, options).periods == 4);
  // A --to inside March cuts March: period 1 of February's cohort goes, and April is not counted.
  options.last_day.reset();
  options.to = d(2024, 3, 30);
  CHECK(totals(compute_cohorts(kShop, options)) ==
        std::vector<std::string>{"2024-01 n3: 3 1", "2024-02 n2: 2", "2024-03 n1:"});
  // Quarters: Q2 holds 15 days of data.
  options.to.reset();
  options.kind = window_kind::quarter;
  CHECK(totals(compute_cohorts(kShop, options)) ==
        std::vector<std::string>{"2024-Q1 n6: 6", "2024-Q2 n1:"});
}

TEST_CASE("The long form has a row per complete period only", "[cohorts]") {
  CHECK(render(cohort_long_table(run(kShop, cohort_metric::retention)), output_format::csv) ==
        "cohort,period,cohort_customers,value\n"
        "2024-01,0,3,1.0000\n"
        "2024-01,1,3,0.3333\n"
        "2024-01,2,3,0.3333\n"
        "2024-01,3,3,0.3333\n"
        "2024-02,0,2,1.0000\n"
        "2024-02,1,2,0.5000\n"
        "2024-02,2,2,0.0000\n"
        "2024-03,0,1,1.0000\n"
        "2024-03,1,1,1.0000\n"
        "2024-04,0,1,1.0000\n");
}

TEST_CASE("Orders and revenue are per period, revenue in exact cents", "[cohorts]") {
  CHECK(totals(run(kShop, cohort_metric::orders)) ==
        std::vector<std::string>{"2024-01 n3: 4 1 1 1", "2024-02 n2: 3 1 0", "2024-03 n1: 1 1",
                                 "2024-04 n1: 1"});
  CHECK(totals(run(kShop, cohort_metric::revenue)) ==
        std::vector<std::string>{"2024-01 n3: 5300 2000 1200 750", "2024-02 n2: 6000 2500 0",
                                 "2024-03 n1: 999 1", "2024-04 n1: 5000"});
  CHECK(wide_csv(run(kShop, cohort_metric::revenue)) ==
        "cohort,cohort_customers,p0,p1,p2,p3\n"
        "2024-01,3,53.00,20.00,12.00,7.50\n"
        "2024-02,2,60.00,25.00,0.00,\n"
        "2024-03,1,9.99,0.01,,\n"
        "2024-04,1,50.00,,,\n");
}

TEST_CASE("Revenue per customer divides by the whole cohort and rounds half away from zero",
          "[cohorts]") {
  // 53.00 / 3 = 17.666..., 20.00 / 3 = 6.666..., 7.50 / 3 = 2.50
  CHECK(wide_csv(run(kShop, cohort_metric::revenue_per_customer)) ==
        "cohort,cohort_customers,p0,p1,p2,p3\n"
        "2024-01,3,17.67,6.67,4.00,2.50\n"
        "2024-02,2,30.00,12.50,0.00,\n"
        "2024-03,1,9.99,0.01,,\n"
        "2024-04,1,50.00,,,\n");
  // 0.05 / 2 = 0.025 and -0.05 / 2 = -0.025
  order_book halves = book_of({{0, d(2024, 1, 1), 5},
                               {1, d(2024, 1, 2), 0},
                               {2, d(2024, 2, 1), -5},
                               {3, d(2024, 2, 2), 0}});
  CHECK(wide_csv(run(halves, cohort_metric::revenue_per_customer)) ==
        "cohort,cohort_customers,p0,p1\n"
        "2024-01,2,0.03,0.00\n"
        "2024-02,2,-0.03,\n");
}

TEST_CASE("Cumulative retention counts a customer from their first return on", "[cohorts]") {
  // Customer 0 ordered again in January (not a return), returned in February, skipped March.
  CHECK(totals(run(kShop, cohort_metric::customers, true)) ==
        std::vector<std::string>{"2024-01 n3: 3 1 2 2", "2024-02 n2: 2 1 1", "2024-03 n1: 1 1",
                                 "2024-04 n1: 1"});
  CHECK(wide_csv(run(kShop, cohort_metric::retention, true)) ==
        "cohort,cohort_customers,p0,p1,p2,p3\n"
        "2024-01,3,1.0000,0.3333,0.6667,0.6667\n"
        "2024-02,2,1.0000,0.5000,0.5000,\n"
        "2024-03,1,1.0000,1.0000,,\n"
        "2024-04,1,1.0000,,,\n");
}

TEST_CASE("Cumulative orders and revenue are running sums from period 0", "[cohorts]") {
  CHECK(totals(run(kShop, cohort_metric::orders, true)) ==
        std::vector<std::string>{"2024-01 n3: 4 5 6 7", "2024-02 n2: 3 4 4", "2024-03 n1: 1 2",
                                 "2024-04 n1: 1"});
  CHECK(totals(run(kShop, cohort_metric::revenue, true)) ==
        std::vector<std::string>{"2024-01 n3: 5300 7300 8500 9250", "2024-02 n2: 6000 8500 8500",
                                 "2024-03 n1: 999 1000", "2024-04 n1: 5000"});
  // 73.00 / 3 = 24.333..., 92.50 / 3 = 30.833...
  CHECK(wide_csv(run(kShop, cohort_metric::revenue_per_customer, true)) ==
        "cohort,cohort_customers,p0,p1,p2,p3\n"
        "2024-01,3,17.67,24.33,28.33,30.83\n"
        "2024-02,2,30.00,42.50,42.50,\n"
        "2024-03,1,9.99,10.00,,\n"
        "2024-04,1,50.00,,,\n");
}

TEST_CASE("Quarter and year cohorts", "[cohorts]") {
  CHECK(wide_csv(run(kShop, cohort_metric::retention, false, window_kind::quarter)) ==
        "cohort,cohort_customers,p0,p1\n"
        "2024-Q1,6,1.0000,0.3333\n"
        "2024-Q2,1,1.0000,\n");
  // A year without orders of cohort 2023 is zero; cumulative it keeps no one.
  order_book years =
      book_of({{0, d(2023, 12, 31), 100}, {0, d(2025, 1, 1), 100}, {1, d(2024, 6, 1), 100}});
  CHECK(totals(run(years, cohort_metric::customers, false, window_kind::year)) ==
        std::vector<std::string>{"2023 n1: 1 0 1", "2024 n1: 1 0"});
  CHECK(totals(run(years, cohort_metric::customers, true, window_kind::year)) ==
        std::vector<std::string>{"2023 n1: 1 0 1", "2024 n1: 1 0"});
}

TEST_CASE("Week cohorts follow ISO weeks across a year end and skip weeks without new customers",
          "[cohorts]") {
  order_book weeks = book_of({{0, d(2020, 12, 31), 100},   // 2020-W53
                              {0, d(2021, 1, 4), 100},     // 2021-W01
                              {1, d(2021, 1, 3), 100},     // 2020-W53
                              {2, d(2021, 1, 11), 100}});  // 2021-W02
  CHECK(wide_csv(run(weeks, cohort_metric::customers, false, window_kind::week)) ==
        "cohort,cohort_customers,p0,p1,p2\n"
        "2020-W53,2,2,1,0\n"
        "2021-W02,1,1,,\n");
}

TEST_CASE("The terminal table is the matrix with percentages and dashes", "[cohorts]") {
  CHECK(render(cohort_wide_table(run(kShop, cohort_metric::retention)), output_format::table) ==
        "cohort   customers       p0       p1      p2      p3\n"
        "2024-01          3  100.00%   33.33%  33.33%  33.33%\n"
        "2024-02          2  100.00%   50.00%   0.00%       -\n"
        "2024-03          1  100.00%  100.00%       -       -\n"
        "2024-04          1  100.00%        -       -       -\n");
}

TEST_CASE("No orders, no cohorts", "[cohorts]") {
  cohort_table t = run(order_book{}, cohort_metric::retention);
  CHECK(t.cohorts.empty());
  CHECK(t.periods == 0);
  CHECK(wide_csv(t) == "cohort,cohort_customers\n");
  CHECK(render(cohort_long_table(t), output_format::csv) ==
        "cohort,period,cohort_customers,value\n");
}

TEST_CASE("Revenue that overflows is an error naming the cohort and period", "[cohorts]") {
  order_book same_period = book_of({{0, d(2024, 5, 1), INT64_MAX}, {0, d(2024, 5, 2), 1}});
  CHECK_THROWS_WITH(run(same_period, cohort_metric::revenue),
                    "revenue of cohort 2024-05 in period 0 is too large to count in cents");
  order_book running = book_of({{0, d(2024, 5, 1), INT64_MAX}, {0, d(2024, 6, 2), 1}});
  CHECK_NOTHROW(run(running, cohort_metric::revenue));
  CHECK_THROWS_WITH(run(running, cohort_metric::revenue_per_customer, true),
                    "revenue of cohort 2024-05 in period 1 is too large to count in cents");
}

TEST_CASE("Cohorts are the same whatever the order of customers", "[cohorts]") {
  std::vector<order> renamed(kShop.orders.begin(), kShop.orders.end());
  for (order& o : renamed) o.customer = 6 - o.customer;
  order_book reversed = book_of(renamed);
  for (cohort_metric metric :
       {cohort_metric::retention, cohort_metric::customers, cohort_metric::orders,
        cohort_metric::revenue, cohort_metric::revenue_per_customer}) {
    for (bool cumulative : {false, true}) {
      CHECK(totals(run(reversed, metric, cumulative)) == totals(run(kShop, metric, cumulative)));
    }
  }
}

TEST_CASE("On the sample, period 0 of each cohort is its window's new customers", "[cohorts]") {
  load_options load;
  load.paths = {std::string(RETAIN_SOURCE_DIR) + "/data/orders.csv"};
  const order_book book = load_orders(load).book;
  for (window_kind kind :
       {window_kind::week, window_kind::month, window_kind::quarter, window_kind::year}) {
    std::map<std::string, std::uint64_t> new_customers;
    for (const window_metrics& w : compute_metrics(book, {kind, {}, {}})) {
      if (w.new_customers > 0) new_customers[w.label] = w.new_customers;
    }
    std::map<std::string, std::uint64_t> cohort_sizes;
    std::uint64_t customers = 0;
    for (const cohort& c : run(book, cohort_metric::customers, false, kind).cohorts) {
      CHECK(c.totals.front() == static_cast<std::int64_t>(c.customers));
      cohort_sizes[c.label] = c.customers;
      customers += c.customers;
    }
    CHECK(cohort_sizes == new_customers);
    CHECK(customers == book.customers.size());
    // Every order and cent lands in exactly one cell.
    std::int64_t orders = 0;
    for (const cohort& c : run(book, cohort_metric::orders, true, kind).cohorts) {
      orders += c.totals.back();
    }
    CHECK(orders == static_cast<std::int64_t>(book.orders.size()));
    std::int64_t revenue = 0;
    std::int64_t expected_revenue = 0;
    for (const cohort& c : run(book, cohort_metric::revenue, true, kind).cohorts) {
      revenue += c.totals.back();
    }
    for (const order& o : book.orders) expected_revenue += o.cents;
    CHECK(revenue == expected_revenue);
  }
}
