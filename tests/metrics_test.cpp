#include "retain/metrics.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "retain/error.h"
#include "retain/format.h"
#include "test_books.h"

using namespace retain;  // NOLINT
using retain::testing::book_of;
using retain::testing::d;

namespace {


// window: customers/orders/revenue/repeat/new/returning
std::string summary(const window_metrics& w) {
  return w.label + " " + iso_date(w.start) + ".." + iso_date(w.end) + " c" +
         std::to_string(w.customers) + " o" + std::to_string(w.orders) + " r" +
         std::to_string(w.revenue) + " rep" + std::to_string(w.repeat_customers) + " new" +
         std::to_string(w.new_customers) + " ret" + std::to_string(w.returning_customers);
}

// With --partial include: the tests of partial windows below say what the default leaves out.
std::vector<window_metrics> windows_of(const order_book& book, window_kind kind,
                                       std::optional<day_t> from, std::optional<day_t> to) {
  window_options options;
  options.kind = kind;
  options.from = from;
  options.to = to;
  options.partial = partial_policy::include;
  return compute_metrics(book, options);
}

std::vector<std::string> run(const order_book& book, window_kind kind,
                             std::optional<day_t> from = {}, std::optional<day_t> to = {}) {
  std::vector<std::string> out;
  for (const window_metrics& w : windows_of(book, kind, from, to)) out.push_back(summary(w));
  return out;
}

std::string text(std::optional<decimal> d) { return d ? to_string(*d) : "-"; }

// window: retained_customers retention_rate churn_rate, "-" where undefined.
std::vector<std::string> retention(const order_book& book, window_kind kind,
                                   std::optional<day_t> from = {}, std::optional<day_t> to = {}) {
  const std::vector<window_metrics> windows = windows_of(book, kind, from, to);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const window_metrics& w = windows[i];
    std::string line =
        w.label + " " + (w.retained_customers ? std::to_string(*w.retained_customers) : "-");
    if (i > 0) {
      line +=
          " " + text(retention_rate(windows[i - 1], w)) + " " + text(churn_rate(windows[i - 1], w));
    }
    out.push_back(line);
  }
  return out;
}

// Customer 0 buys twice in January and once in March; customer 1 once in January and once in
// March; customer 2 first in March.
const order_book kShop = book_of({{0, d(2024, 1, 5), 1000},
                                  {0, d(2024, 1, 20), 3000},
                                  {1, d(2024, 1, 31), 500},
                                  {0, d(2024, 3, 1), 2000},
                                  {1, d(2024, 3, 2), 700},
                                  {2, d(2024, 3, 31), 100}});

// Customers 0, 1 and 2 buy in January; 0 comes back in February, where 3 buys first; in March
// 0 and 3 buy again and 1 comes back after skipping February. One line a month.
const order_book kRetention = book_of({
    {0, d(2024, 1, 5), 100}, {1, d(2024, 1, 10), 100}, {2, d(2024, 1, 20), 100},
    {0, d(2024, 2, 15), 100}, {3, d(2024, 2, 3), 100},
    {0, d(2024, 3, 1), 100}, {1, d(2024, 3, 2), 100}, {3, d(2024, 3, 30), 100}});

}  // namespace

TEST_CASE("Monthly metrics with an empty month between", "[metrics]") {
  CHECK(run(kShop, window_kind::month) ==
        std::vector<std::string>{
            "2024-01 2024-01-05..2024-01-31 c2 o3 r4500 rep1 new2 ret0",
            "2024-02 2024-02-01..2024-02-29 c0 o0 r0 rep0 new0 ret0",
            "2024-03 2024-03-01..2024-03-31 c3 o3 r2800 rep0 new1 ret2"});
}

TEST_CASE("Ratios come from the exact totals", "[metrics]") {
  auto windows = compute_metrics(kShop, {window_kind::month, {}, {}});
  const window_metrics& jan = windows[0];
  CHECK(to_string(*repeat_rate(jan)) == "0.5000");
  CHECK(to_string(*purchase_frequency(jan)) == "1.5000");
  CHECK(to_string(*average_order_value(jan)) == "15.00");
  CHECK(to_string(*customer_value(jan)) == "22.50");
  const window_metrics& feb = windows[1];
  CHECK_FALSE(repeat_rate(feb).has_value());
  CHECK_FALSE(purchase_frequency(feb).has_value());
  CHECK_FALSE(average_order_value(feb).has_value());
  CHECK_FALSE(customer_value(feb).has_value());
  const window_metrics& mar = windows[2];
  CHECK(to_string(*repeat_rate(mar)) == "0.0000");
  CHECK(to_string(*purchase_frequency(mar)) == "1.0000");
  CHECK(to_string(*average_order_value(mar)) == "9.33");  // 28.00 / 3
  CHECK(to_string(*customer_value(mar)) == "9.33");
}

TEST_CASE("Customer value is revenue over customers, not a product of rounded ratios",
          "[metrics]") {
  // 3 customers, 7 orders, 100.00: frequency 2.3333 x aov 14.29 would be 33.34; exact is 33.33.
  window_metrics w;
  w.customers = 3;
  w.orders = 7;
  w.revenue = 10000;
  CHECK(to_string(*purchase_frequency(w)) == "2.3333");
  CHECK(to_string(*average_order_value(w)) == "14.29");
  CHECK(to_string(*customer_value(w)) == "33.33");
}

TEST_CASE("Every window kind over the same orders", "[metrics]") {
  CHECK(run(kShop, window_kind::quarter) ==
        std::vector<std::string>{"2024-Q1 2024-01-05..2024-03-31 c3 o6 r7300 rep2 new3 ret0"});
  CHECK(run(kShop, window_kind::year) ==
        std::vector<std::string>{"2024 2024-01-05..2024-03-31 c3 o6 r7300 rep2 new3 ret0"});
  CHECK(run(kShop, window_kind::all) ==
        std::vector<std::string>{"all 2024-01-05..2024-03-31 c3 o6 r7300 rep2 new3 ret0"});
  auto weeks = run(kShop, window_kind::week);
  REQUIRE(weeks.size() == 13);  // 2024-W01 .. 2024-W13
  CHECK(weeks.front() == "2024-W01 2024-01-05..2024-01-07 c1 o1 r1000 rep0 new1 ret0");
  CHECK(weeks[1] == "2024-W02 2024-01-08..2024-01-14 c0 o0 r0 rep0 new0 ret0");
  CHECK(weeks.back() == "2024-W13 2024-03-25..2024-03-31 c1 o1 r100 rep0 new1 ret0");
  auto days = run(kShop, window_kind::day);
  REQUIRE(days.size() == 87);  // 2024-01-05 .. 2024-03-31, a leap year
  CHECK(days[55] == "2024-02-29 2024-02-29..2024-02-29 c0 o0 r0 rep0 new0 ret0");
}

TEST_CASE("Weeks across a year end follow ISO numbering", "[metrics]") {
  order_book book = book_of({{0, d(2020, 12, 31), 100}, {0, d(2021, 1, 3), 100},
                             {1, d(2021, 1, 4), 100}});
  CHECK(run(book, window_kind::week) ==
        std::vector<std::string>{"2020-W53 2020-12-31..2021-01-03 c1 o2 r200 rep1 new1 ret0",
                                 "2021-W01 2021-01-04..2021-01-04 c1 o1 r100 rep0 new1 ret0"});
}

TEST_CASE("--from and --to clip windows but not who is new", "[metrics]") {
  CHECK(run(kShop, window_kind::month, d(2024, 1, 21), d(2024, 3, 1)) ==
        std::vector<std::string>{
            "2024-01 2024-01-21..2024-01-31 c1 o1 r500 rep0 new1 ret0",
            "2024-02 2024-02-01..2024-02-29 c0 o0 r0 rep0 new0 ret0",
            "2024-03 2024-03-01..2024-03-01 c1 o1 r2000 rep0 new0 ret1"});
  // A range beyond the data still lists its windows, as zeros.
  CHECK(run(kShop, window_kind::month, d(2023, 12, 1), d(2023, 12, 31)) ==
        std::vector<std::string>{"2023-12 2023-12-01..2023-12-31 c0 o0 r0 rep0 new0 ret0"});
}

TEST_CASE("Same-day orders are separate orders", "[metrics]") {
  order_book book = book_of({{0, d(2024, 5, 1), 100}, {0, d(2024, 5, 1), 100}});
  CHECK(run(book, window_kind::day) ==
        std::vector<std::string>{"2024-05-01 2024-05-01..2024-05-01 c1 o2 r200 rep1 new1 ret0"});
}

TEST_CASE("Revenue that overflows is an error", "[metrics]") {
  order_book book = book_of({{0, d(2024, 5, 1), INT64_MAX}, {1, d(2024, 5, 2), 1}});
  CHECK_THROWS_WITH(compute_metrics(book, {window_kind::month, {}, {}}),
                    "revenue in 2024-05 is too large to count in cents");
}

TEST_CASE("Retention counts customers of the previous window who order again", "[metrics]") {
  // February keeps 1 of January's 3 (0.3333, churn 0.6667: they add up to 1); March keeps both
  // of February's customers, and customer 1, back after a gap, is returning but not retained.
  CHECK(
      retention(kRetention, window_kind::month) ==
      std::vector<std::string>{"2024-01 -", "2024-02 1 0.3333 0.6667", "2024-03 2 1.0000 0.0000"});
  auto windows = compute_metrics(kRetention, {window_kind::month, {}, {}});
  CHECK(windows[2].returning_customers == 3);
}

TEST_CASE("Retention after a window without customers is undefined", "[metrics]") {
  // February has no customers: it keeps 0 of January's 2; March keeps 0 of 0, an undefined rate.
  CHECK(retention(kShop, window_kind::month) ==
        std::vector<std::string>{"2024-01 -", "2024-02 0 0.0000 1.0000", "2024-03 0 - -"});
}

TEST_CASE("The first window has no retention, also when --from clips the data", "[metrics]") {
  // From 2024-02-10 the February window is first, so customer 0's January order does not make it
  // retained there, and customer 3's order of 2024-02-03 is not counted: March keeps 1 of 1.
  CHECK(retention(kRetention, window_kind::month, d(2024, 2, 10)) ==
        std::vector<std::string>{"2024-02 -", "2024-03 1 1.0000 0.0000"});
  CHECK(retention(kRetention, window_kind::quarter) == std::vector<std::string>{"2024-Q1 -"});
  CHECK(retention(kRetention, window_kind::all) == std::vector<std::string>{"all -"});
}

TEST_CASE("A window the data covers only in part is not complete", "[metrics]") {
  // kRetention runs from 2024-01-05 to 2024-03-30: January and March are partial, February not.
  auto flags = [](const std::vector<window_metrics>& windows) {
    std::string out;
    for (const window_metrics& w : windows) out += w.label + (w.complete ? " whole " : " part ");
    return out;
  };
  CHECK(flags(windows_of(kRetention, window_kind::month, {}, {})) ==
        "2024-01 part 2024-02 whole 2024-03 part ");
  // --from on the 1st and --to on the last day make whole months; inside a window, a partial one.
  CHECK(flags(windows_of(kRetention, window_kind::month, d(2024, 1, 1), d(2024, 3, 31))) ==
        "2024-01 whole 2024-02 whole 2024-03 whole ");
  CHECK(flags(windows_of(kRetention, window_kind::month, d(2024, 2, 2), d(2024, 2, 29))) ==
        "2024-02 part ");
  // Days are whole; `all` is the data's span itself.
  CHECK(flags(windows_of(kRetention, window_kind::day, {}, {})).find("part") == std::string::npos);
  CHECK(flags(windows_of(kRetention, window_kind::all, {}, {})) == "all whole ");
}

TEST_CASE("A partial last window has no retention unless --partial include", "[metrics]") {
  // The data ends 2024-03-30: March is partial. Its 2 retained of February's 2 are shown only
  // when included; a --to of 2024-03-31 makes March whole.
  window_options options;
  options.kind = window_kind::month;
  const std::vector<window_metrics> windows = compute_metrics(kRetention, options);
  CHECK_FALSE(windows.back().retained_customers.has_value());
  CHECK_FALSE(retention_rate(windows[1], windows[2]).has_value());
  CHECK(*windows[1].retained_customers == 1);  // February is whole: kept
  options.partial = partial_policy::include;
  CHECK(*compute_metrics(kRetention, options).back().retained_customers == 2);
  options.partial = partial_policy::empty;
  options.to = d(2024, 3, 31);
  CHECK(*compute_metrics(kRetention, options).back().retained_customers == 2);
  CHECK(
      render(metrics_table(compute_metrics(kRetention, {window_kind::month, {}, {}})),
             output_format::csv) ==
      "window,start,end,customers,orders,revenue,repeat_customers,repeat_rate,"
      "purchase_frequency,aov,customer_value,new_customers,returning_customers,"
      "retained_customers,retention_rate,churn_rate,complete\n"
      "2024-01,2024-01-05,2024-01-31,3,3,3.00,0,0.0000,1.0000,1.00,1.00,3,0,,,,false\n"
      "2024-02,2024-02-01,2024-02-29,2,2,2.00,0,0.0000,1.0000,1.00,1.00,1,1,1,0.3333,0.6667,true\n"
      "2024-03,2024-03-01,2024-03-30,3,3,3.00,0,0.0000,1.0000,1.00,1.00,0,3,,,,false\n");
}

TEST_CASE("Churn is one minus the rounded retention, so the two add up to 1", "[metrics]") {
  window_metrics previous;
  previous.customers = 20000;
  window_metrics w;
  w.retained_customers = 1;  // 0.00005 exactly: a tie, rounded away from zero
  CHECK(to_string(*retention_rate(previous, w)) == "0.0001");
  CHECK(to_string(*churn_rate(previous, w)) == "0.9999");
  previous.customers = 3;
  w.retained_customers = 2;
  CHECK(to_string(*retention_rate(previous, w)) == "0.6667");
  CHECK(to_string(*churn_rate(previous, w)) == "0.3333");
  w.retained_customers.reset();  // the first window
  CHECK_FALSE(retention_rate(previous, w).has_value());
  CHECK_FALSE(churn_rate(previous, w).has_value());
}

TEST_CASE("Retention is a share from 0 to 1 and churn its complement", "[metrics]") {
  // 60 customers with 1 to 7 orders each, spread over 2024 without a pattern of weeks or months.
  std::vector<order> orders;
  for (std::uint32_t c = 0; c < 60; ++c) {
    for (std::uint32_t k = 0; k <= c % 7; ++k) {
      orders.push_back({c, d(2024, 1, 1) + static_cast<day_t>((c * 37 + k * k * 11) % 366), 100});
    }
  }
  const order_book busy = book_of(orders);
  for (const order_book* book : {&kShop, &kRetention, &busy}) {
    for (window_kind kind : {window_kind::day, window_kind::week, window_kind::month,
                             window_kind::quarter, window_kind::year, window_kind::all}) {
      const std::vector<window_metrics> windows = windows_of(*book, kind, {}, {});
      CHECK_FALSE(windows.front().retained_customers.has_value());
      for (std::size_t i = 1; i < windows.size(); ++i) {
        INFO(windows[i].label);
        REQUIRE(windows[i].retained_customers.has_value());
        CHECK(*windows[i].retained_customers <= windows[i].customers);
        CHECK(*windows[i].retained_customers <= windows[i - 1].customers);
        if (std::optional<decimal> rate = retention_rate(windows[i - 1], windows[i])) {
          CHECK(rate->units >= 0);
          CHECK(rate->units <= 10000);
          CHECK(rate->units + churn_rate(windows[i - 1], windows[i])->units == 10000);
        }
      }
    }
  }
}

TEST_CASE("Windows are the same whatever the order of customers", "[metrics]") {
  order_book swapped = book_of({{2, d(2024, 1, 5), 1000},
                                {2, d(2024, 1, 20), 3000},
                                {0, d(2024, 1, 31), 500},
                                {2, d(2024, 3, 1), 2000},
                                {0, d(2024, 3, 2), 700},
                                {1, d(2024, 3, 31), 100}});
  for (window_kind kind : {window_kind::day, window_kind::week, window_kind::month,
                           window_kind::quarter, window_kind::year, window_kind::all}) {
    CHECK(run(swapped, kind) == run(kShop, kind));
    CHECK(retention(swapped, kind) == retention(kShop, kind));
  }
}

TEST_CASE("Counting in parts, a thread each, gives the same windows", "[metrics]") {
  // 300,000 orders: parts of at least 65,536 orders, cut between customers.
  std::mt19937 random(17);
  std::vector<order> orders;
  for (std::uint32_t c = 0; orders.size() < 300000; ++c) {
    for (std::uint32_t k = random() % 9; k-- > 0;) {
      orders.push_back({c, d(2023, 1, 1) + static_cast<day_t>(random() % 700),
                        static_cast<cents_t>(random() % 100000)});
    }
  }
  const order_book book = book_of(orders);
  for (window_kind kind : {window_kind::week, window_kind::month, window_kind::all}) {
    const std::string one = render(metrics_table(compute_metrics(book, {kind, {}, {}}, 1)),
                                   output_format::csv);
    CHECK(render(metrics_table(compute_metrics(book, {kind, {}, {}}, 2)), output_format::csv) == one);
    CHECK(render(metrics_table(compute_metrics(book, {kind, {}, {}}, 3)), output_format::csv) == one);
  }
}
