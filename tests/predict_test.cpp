#include "retain/predict.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <random>
#include <string>

#include "retain/error.h"
#include "retain/format.h"
#include "retain/loader.h"
#include "test_books.h"
#include "test_datasets.h"

using namespace retain;  // NOLINT
using retain::testing::have_datasets;
using retain::testing::d;

namespace {

// The CDNOW sample's orders (2,357 customers, 1997-01-01 to 1998-06-30).
loaded_orders cdnow() {
  load_options options;
  options.paths = {std::string(RETAIN_DATASETS_DIR) + "/cdnow/cdnow_sample.csv"};
  options.columns[static_cast<std::size_t>(role::customer)] = "customer_id";
  return load_orders(options);
}

std::vector<btyd_customer> calibration(const order_book& book, time_unit unit) {
  return btyd_customers(book, d(1997, 9, 30), unit, 2).customers;
}

const char* kSummary =
    "customer,frequency,recency,T,monetary_value,segment\n"
    "a,2,30.43,38.86,22.35,x\n"
    "\"b, c\",0,0,38.86,0.00,x\n"
    "d,1,1.71,38.8571,11.77,x\n";

}  // namespace

TEST_CASE("A summary file gives the customers with their ids and values", "[predict]") {
  const btyd_summary_file file = read_btyd_summary(kSummary, "s.csv");
  REQUIRE(file.customers.size() == 3);
  CHECK(file.customers[0].id == "a");
  CHECK(file.customers[0].x == 2);
  CHECK(file.customers[0].t_x == 30.43);
  CHECK(file.customers[0].T == 38.86);
  CHECK(file.customers[0].m == 22.35);
  CHECK(file.customers[1].id == "b, c");
  CHECK(file.customers[2].id == "d");
  CHECK(file.places == 4);
}

TEST_CASE("A summary file with a problem is refused with its line", "[predict]") {
  REQUIRE_THROWS_WITH(read_btyd_summary("customer,frequency,recency,T\na,1,2,3\n", "s.csv"),
                      "s.csv:1: the summary has no column monetary_value (it needs customer, "
                      "frequency, recency, T, monetary_value)");
  REQUIRE_THROWS_WITH(
      read_btyd_summary("customer,frequency,recency,T,monetary_value\na,1,2,3,4\nb,0,0,3,0\n"
                        "a,2,2,3,4\n",
                        "s.csv"),
      "s.csv:4: customer \"a\" is given twice (first on line 2)");
  REQUIRE_THROWS_WITH(
      read_btyd_summary("customer,frequency,recency,T,monetary_value\na,1,2x,3,4\n", "s.csv"),
      "s.csv:2: recency \"2x\" is not a number of 0 or more");
  REQUIRE_THROWS_WITH(
      read_btyd_summary("customer,frequency,recency,T,monetary_value\na,1.5,2,3,4\n", "s.csv"),
      "s.csv:2: frequency \"1.5\" is not a whole number");
  REQUIRE_THROWS_WITH(
      read_btyd_summary("customer,frequency,recency,T,monetary_value\na,1,4,3,4\n", "s.csv"),
      "s.csv:2: recency 4 is after T 3");
  REQUIRE_THROWS_WITH(
      read_btyd_summary("customer,frequency,recency,T,monetary_value\na,1,2,3\n", "s.csv"),
      "s.csv:2: 4 fields where the header has 5");
  REQUIRE_THROWS_WITH(read_btyd_summary("", "s.csv"), "s.csv: the summary is empty");
}

TEST_CASE("The orders' summary is as retain customers computes it, in the unit", "[predict]") {
  // c0 buys on days 0, 0 (same day), 14 and 21; c1 once on day 7; as of day 28.
  const order_book book = retain::testing::book_of(
      {{0, 0, 1000}, {0, 0, 500}, {0, 14, 2000}, {0, 21, 4001}, {1, 7, 700}});
  const btyd_book_summary summary = btyd_customers(book, 28, time_unit::weeks, 1);
  CHECK(summary.as_of == 28);
  CHECK(summary.last_day == 21);
  const std::vector<btyd_customer>& weeks = summary.customers;
  REQUIRE(weeks.size() == 2);
  CHECK(weeks[0].id == "c0");
  CHECK(weeks[0].x == 2);
  CHECK(weeks[0].t_x == 3);
  CHECK(weeks[0].T == 4);
  CHECK(weeks[0].m == 30.005);  // (20.00 + 40.01) / 2
  CHECK(weeks[1].x == 0);
  CHECK(weeks[1].T == 3);
  CHECK(weeks[1].m == 0);
}

TEST_CASE("The summary from the book is compute_customers' on any thread count", "[predict]") {
  // Seven customers from January to April 2024 (test_books.h), and one more whose orders all
  // come after the first as-of below (left out there, as compute_customers leaves them out).
  order_book book = retain::testing::seven_customers();
  book.customers.push_back("c7");
  book.orders.push_back({7, d(2024, 3, 10), 900});
  book.orders.push_back({7, d(2024, 3, 12), 100});
  for (const std::optional<day_t>& as_of :
       {std::optional<day_t>(d(2024, 2, 10)), std::optional<day_t>()}) {
    customer_options options;
    options.as_of = as_of;
    const customer_report report = compute_customers(book, options);
    for (unsigned threads : {1u, 2u, 3u, 5u, 20u}) {
      INFO(threads << " threads, as of " << (as_of ? iso_date(*as_of) : "the last order"));
      const btyd_book_summary summary = btyd_customers(book, as_of, time_unit::weeks, threads);
      CHECK(summary.as_of == report.as_of);
      CHECK(summary.last_day == d(2024, 4, 4));
      REQUIRE(summary.customers.size() == report.customers.size());
      for (std::size_t i = 0; i < report.customers.size(); ++i) {
        const customer_summary& c = report.customers[i];
        const btyd_customer& b = summary.customers[i];
        CHECK(b.id == c.id);
        CHECK(b.x == c.frequency);
        CHECK(b.t_x == (c.last_order - c.first_order) / 7.0);
        CHECK(b.T == (report.as_of - c.first_order) / 7.0);
        CHECK(b.m == (c.frequency > 0 ? c.repeat_revenue / 100.0 / c.frequency : 0.0));
      }
    }
  }
  // As of 2024-02-10: c2 bought on days 3 Jan, 3 and 10 Feb (2 repeat days, 30.00); c7 not yet.
  const btyd_book_summary early = btyd_customers(book, d(2024, 2, 10), time_unit::days, 2);
  REQUIRE(early.customers.size() == 7);
  CHECK(early.customers[2].x == 2);
  CHECK(early.customers[2].t_x == 38);
  CHECK(early.customers[2].T == 38);
  CHECK(early.customers[2].m == 15);
  REQUIRE_THROWS_WITH(btyd_customers(book, d(2023, 12, 31), time_unit::days, 2),
                      "--as-of 2023-12-31 is before the first order (2024-01-01)");
  const order_book rich =
      retain::testing::book_of({{0, 1, 100}, {1, 1, 100}, {1, 2, INT64_MAX - 50}, {1, 3, 100}});
  REQUIRE_THROWS_WITH(btyd_customers(rich, {}, time_unit::days, 2),
                      "revenue of customer \"c1\" is too large to count in cents");
  CHECK(btyd_customers(order_book(), {}, time_unit::days, 2).customers.empty());
}

TEST_CASE("Customers group by their tuple as merge_tuples merges them", "[predict]") {
  // 3,000 distinct tuples (the table of tuples grows several times), each customer given twice
  // and in a shuffled order; -0 is the tuple of 0.
  std::vector<btyd_customer> customers;
  for (int i = 0; i < 6000; ++i) {
    const double x = (i / 2) % 7;
    customers.push_back({"", x, x > 0 ? (i / 2) % 11 : 0.0, 20.0 + (i / 2) % 3000 / 7, 0});
  }
  customers.push_back({"", 0, -0.0, 20, 0});
  std::shuffle(customers.begin(), customers.end(), std::mt19937(3));
  std::vector<btyd_tuple> merged;
  for (const btyd_customer& c : customers) merged.push_back({c.x, c.t_x + 0.0, c.T, 1});
  merge_tuples(merged);
  for (unsigned threads : {1u, 2u, 3u}) {
    const btyd_groups groups = group_customers(customers, threads);
    REQUIRE(groups.tuples.size() == merged.size());
    for (std::size_t k = 0; k < merged.size(); ++k) {
      CHECK(groups.tuples[k].x == merged[k].x);
      CHECK(groups.tuples[k].t_x == merged[k].t_x);
      CHECK(groups.tuples[k].T == merged[k].T);
      CHECK(groups.tuples[k].count == merged[k].count);
    }
    REQUIRE(groups.tuple_of.size() == customers.size());
    for (std::size_t i = 0; i < customers.size(); ++i) {
      const btyd_tuple& t = groups.tuples[groups.tuple_of[i]];
      CHECK((t.x == customers[i].x && t.t_x == customers[i].t_x && t.T == customers[i].T));
    }
  }
}

TEST_CASE("Rounding refuses what is not a finite number", "[predict]") {
  CHECK(rounded(1.23456, 4).units == 12346);
  CHECK(rounded(-0.5, 0).units == -1);
  REQUIRE_THROWS_WITH(rounded(std::nan(""), 2),
                      "a result is nan and cannot be printed: refusing to print a wrong number");
}

TEST_CASE("CDNOW's orders give the published fits and sound scores", "[datasets][predict]") {
  if (!have_datasets()) return;
  const loaded_orders loaded = cdnow();
  const std::vector<btyd_customer> customers = calibration(loaded.book, time_unit::weeks);
  REQUIRE(customers.size() == 2357);
  const btyd_fits fits = fit_models(customers, group_customers(customers, 2), btyd_model::bgnbd, 2);
  CHECK(fits.repeat_buyers == 946);
  CHECK(fits.spend.customers == 946);
  // The orders give T and t_x as exact days / 7, Hardie's summary rounds them to 2 decimals:
  // the same estimates to the published precision.
  CHECK(fits.purchases.values[0] == Approx(0.243).margin(0.0005));
  CHECK(fits.purchases.values[1] == Approx(4.414).margin(0.0005));
  CHECK(fits.purchases.values[2] == Approx(0.793).margin(0.0005));
  CHECK(fits.purchases.values[3] == Approx(2.426).margin(0.0005));
  CHECK(fits.purchases.log_likelihood == Approx(-9582.4).margin(0.05));
  // Gamma-Gamma on the exact mean spends: p 6.2496, q 3.7442, gamma 15.4435, all three as
  // published (Hardie's summary, zbar to the cent, gives gamma 15.4477).
  CHECK(fits.spend.values[0] == Approx(6.25).margin(0.005));
  CHECK(fits.spend.values[1] == Approx(3.74).margin(0.005));
  CHECK(fits.spend.values[2] == Approx(15.44).margin(0.005));
  // Pareto/NBD: r 0.5533, alpha 10.5777, s 0.6062, beta 11.6687, LL -9595.0 (as published).
  const btyd_fits pareto =
      fit_models(customers, group_customers(customers, 2), btyd_model::pareto, 2);
  CHECK(pareto.purchases.values[0] == Approx(0.553).margin(0.0005));
  CHECK(pareto.purchases.values[1] == Approx(10.578).margin(0.0005));
  CHECK(pareto.purchases.values[2] == Approx(0.606).margin(0.0005));
  CHECK(pareto.purchases.values[3] == Approx(11.669).margin(0.0005));
  CHECK(pareto.purchases.log_likelihood == Approx(-9595.0).margin(0.05));

  predict_options options;
  options.clv = {39, 365.25 / 12 / 7, 0};
  const std::vector<prediction> scores =
      predict_all(customers, group_customers(customers, 1), fits, options);
  for (const prediction& p : scores) {
    CHECK(p.p_alive >= 0);
    CHECK(p.p_alive <= 1);
    CHECK(p.expected_orders >= 0);
    CHECK(p.clv >= 0);
  }
  // Customers in any order get the same scores.
  std::vector<btyd_customer> reversed(customers.rbegin(), customers.rend());
  options.threads = 3;
  const std::vector<prediction> again =
      predict_all(reversed, group_customers(reversed, 3), fits, options);
  for (std::size_t i = 0; i < customers.size(); ++i) {
    CHECK(again[customers.size() - 1 - i].clv == scores[i].clv);
  }
}

TEST_CASE("Repeat buyers of no positive spend are left out of Gamma-Gamma, counted, spend 0",
          "[datasets][predict]") {
  if (!have_datasets()) return;
  std::vector<btyd_customer> customers = calibration(cdnow().book, time_unit::weeks);
  std::vector<std::size_t> repeaters;
  for (std::size_t i = 0; i < customers.size() && repeaters.size() < 2; ++i) {
    if (customers[i].x > 0) repeaters.push_back(i);
  }
  REQUIRE(repeaters.size() == 2);
  customers[repeaters[0]].m = 0;   // free repeat orders
  customers[repeaters[1]].m = -5;  // repeat orders refunded beyond their amount
  const btyd_fits fits = fit_models(customers, group_customers(customers, 2), btyd_model::bgnbd, 2);
  CHECK(fits.repeat_buyers == 946);
  CHECK(fits.spend_left_out == 2);
  CHECK(fits.spend.customers == 944);
  predict_options options;
  options.clv = {39, 365.25 / 12 / 7, 0};
  const std::vector<prediction> scores =
      predict_all(customers, group_customers(customers, 1), fits, options);
  const btyd_customer& refunded = customers[repeaters[1]];
  CHECK(scores[repeaters[1]].expected_aov ==
        gamma_gamma_expected_spend(gamma_gamma_of(fits.spend), refunded.x, 0));
  CHECK(scores[repeaters[1]].expected_aov > 0);
}

TEST_CASE("CDNOW's holdout: actual against predicted by calibration frequency",
          "[datasets][predict]") {
  if (!have_datasets()) return;
  const loaded_orders loaded = cdnow();
  const std::vector<btyd_customer> customers = calibration(loaded.book, time_unit::weeks);
  const btyd_fits fits = fit_models(customers, group_customers(customers, 2), btyd_model::bgnbd, 2);
  const holdout_report report = compare_holdout(loaded.book, customers, fits,
                                                {d(1997, 9, 30), d(1998, 6, 30), time_unit::weeks});
  // Actual holdout purchase days by calibration frequency, counted by a separate Python script
  // over the CSV: 0: 334 of 1411 customers, 1: 306/439, 2: 298/214, 3: 156/100, 4: 157/62,
  // 5: 112/38, 6: 112/29, 7+: 407/64.
  const std::string csv = render(report.by_frequency, output_format::csv);
  CHECK_THAT(csv, Catch::StartsWith("frequency,customers,actual,predicted\n0,1411,0.2367,"));
  CHECK_THAT(csv, Catch::Contains("\n1,439,0.6970,"));
  CHECK_THAT(csv, Catch::Contains("\n4,62,2.5323,"));
  CHECK_THAT(csv, Catch::Contains("\n7+,64,6.3594,"));
  // 78 weeks from 1997-01-01 to 1998-06-30; 4339 repeat purchase days by then (Python again),
  // 1882 of them in the holdout.
  REQUIRE(report.tracking.rows.size() == 78);
  CHECK(std::get<std::int64_t>(report.tracking.rows.back()[3]) == 4339);
  CHECK(std::get<std::string>(report.tracking.rows.back()[1]) == "1998-06-30");
  REQUIRE(report.errors.rows.size() == 2);
}

TEST_CASE("The listing's order is the same on any thread count, ids alike in 8 bytes too",
          "[predict]") {
  // 100,000 customers (more than one slice of the parallel sort) whose ids share their first
  // 9 bytes, with few distinct scores: most ties go to the ids' text.
  std::vector<btyd_customer> customers;
  std::vector<std::string> ids;
  for (int i = 0; i < 100000; ++i) ids.push_back("customer-" + std::to_string(i * 7919 % 100003));
  std::vector<prediction> scores;
  for (int i = 0; i < 100000; ++i) {
    customers.push_back({ids[i], double(i % 5), 1, 2, 5});
    scores.push_back({0.5, 1, 5, double(i % 13)});
  }
  for (predict_sort key : {predict_sort::clv, predict_sort::customer, predict_sort::frequency}) {
    for (bool reverse : {false, true}) {
      std::vector<std::uint32_t> expected(customers.size());
      std::iota(expected.begin(), expected.end(), 0u);
      const bool by_id = key == predict_sort::customer;
      std::sort(expected.begin(), expected.end(), [&](std::uint32_t a, std::uint32_t b) {
        const double x = key == predict_sort::clv ? scores[a].clv : customers[a].x;
        const double y = key == predict_sort::clv ? scores[b].clv : customers[b].x;
        if (!by_id && x != y) return reverse ? x < y : x > y;
        return by_id && reverse ? customers[b].id < customers[a].id
                                : customers[a].id < customers[b].id;
      });
      for (unsigned threads : {1u, 2u, 3u}) {
        INFO("key " << static_cast<int>(key) << " reverse " << reverse << " threads " << threads);
        CHECK(predict_order(customers, scores, key, reverse, {}, threads) == expected);
      }
      const std::vector<std::uint32_t> top = predict_order(customers, scores, key, reverse, 10, 2);
      CHECK(top == std::vector<std::uint32_t>(expected.begin(), expected.begin() + 10));
    }
  }
}

TEST_CASE("The listing sorts by a score, ties by customer, and keeps --top", "[predict]") {
  const std::vector<btyd_customer> customers = {
      {"b", 1, 1, 2, 5}, {"a", 1, 1, 2, 5}, {"c", 3, 2, 2, 1}};
  const std::vector<prediction> scores = {{0.5, 1, 5, 5}, {0.5, 1, 5, 5}, {0.9, 2, 1, 2}};
  CHECK(predict_order(customers, scores, predict_sort::clv, false, {}, 1) ==
        std::vector<std::uint32_t>{1, 0, 2});
  CHECK(predict_order(customers, scores, predict_sort::clv, true, {}, 1) ==
        std::vector<std::uint32_t>{2, 1, 0});
  CHECK(predict_order(customers, scores, predict_sort::p_alive, false, 1, 1) ==
        std::vector<std::uint32_t>{2});
  CHECK(predict_order(customers, scores, predict_sort::customer, true, {}, 1) ==
        std::vector<std::uint32_t>{2, 0, 1});
}
