// Checks against the real public exports in ../shared/datasets (see its README). The expected
// numbers were computed independently, by a separate script over Python's csv and decimal
// modules, from the definitions in metrics.h; they are not the tool's own output. The retention
// columns were added the same way: UCI by a Python csv script that reproduces the counted orders
// (8144 of 3017 customers) and intersects each month's customers with the month before, CDNOW by
// an awk/join pipeline over customer-months; the rates are those integers rounded exactly. The
// UCI --group-by Country numbers come from a Python csv/decimal script over invoices.
#include <catch2/catch.hpp>

#include <sstream>

#include "retain/format.h"
#include "retain/loader.h"
#include "retain/metrics.h"
#include "retain/money_text.h"
#include "retain/summary.h"
#include "test_datasets.h"

using namespace retain;  // NOLINT
using retain::testing::have_datasets;

namespace {

struct dataset_run {
  load_report report;
  std::vector<std::string> lines;  // CSV lines, header first
};

dataset_run run(const std::string& file, window_kind kind, load_options options = {}) {
  options.paths = {std::string(RETAIN_DATASETS_DIR) + "/" + file};
  loaded_orders loaded = load_orders(options);
  std::istringstream csv(
      render(metrics_table(compute_metrics(loaded.book, {kind, {}, {}})), output_format::csv));
  dataset_run result{loaded.report, {}};
  for (std::string line; std::getline(csv, line);) result.lines.push_back(line);
  return result;
}

std::string left_out(const load_report& report) {
  std::string out;
  for (const auto& [reason, count] : report.left_out) out += std::to_string(count) + " " + reason + "; ";
  return out;
}

}  // namespace

TEST_CASE("The pseudonymized Shopify export loads with its multi-line fields", "[datasets]") {
  if (!have_datasets()) return;
  const char* file = "shopify_real_store_pseudonymized/orders_export_1.csv";
  dataset_run all = run(file, window_kind::all);
  CHECK(all.report.rows == 811);
  CHECK(all.report.bad_rows == 0);
  CHECK(all.report.orders == 371);
  CHECK(all.report.customers == 290);
  CHECK(left_out(all.report) ==
        "20 with status \"cancelled\"; 18 without a customer id; ");
  CHECK(all.lines.at(1) ==
        "all,2019-05-14,2022-01-11,290,371,70090.09,38,0.1310,1.2793,188.92,241.69,290,0,,,,true");
  dataset_run months = run(file, window_kind::month);
  REQUIRE(months.lines.size() == 34);
  CHECK(months.lines[1] ==
        "2019-05,2019-05-14,2019-05-31,2,2,93.00,0,0.0000,1.0000,46.50,46.50,2,0,,,,false");
  CHECK(months.lines[2] == "2019-06,2019-06-01,2019-06-30,0,0,0.00,0,,,,,0,0,0,0.0000,1.0000,true");
  CHECK(months.lines[3] == "2019-07,2019-07-01,2019-07-31,0,0,0.00,0,,,,,0,0,0,,,true");
  // The export ends on 2022-01-11: 11 days of January are not a month of churn.
  CHECK(months.lines.back() ==
        "2022-01,2022-01-01,2022-01-11,3,3,1209.40,0,0.0000,1.0000,403.13,403.13,2,1,,,,false");
}

// The numbers below were computed independently in Python from the export's Total, Financial
// Status, Cancelled at and Refunded Amount columns (43 orders refunded, 13 of them also
// cancelled; 26 partially refunded).
TEST_CASE("The pseudonymized Shopify export, gross and net of refunds", "[datasets]") {
  if (!have_datasets()) return;
  const char* file = "shopify_real_store_pseudonymized/orders_export_1.csv";
  dataset_run gross = run(file, window_kind::all);
  CHECK(gross.report.refunds.orders == 56);
  CHECK(gross.report.refunds.in_full == 30);
  CHECK(gross.report.refunds.cents == 971820);
  load_options net;
  net.net = true;
  dataset_run netted = run(file, window_kind::all, net);
  CHECK(netted.report.orders == 341);
  CHECK(netted.report.customers == 268);
  CHECK(left_out(netted.report) ==
        "30 refunded in full (--net); 20 with status \"cancelled\"; 18 without a customer id; ");
  CHECK(netted.lines.at(1).rfind("all,2019-05-14,2022-01-11,268,341,60371.89,", 0) == 0);
}

TEST_CASE("The UCI sample loads with its cancellations and missing ids", "[datasets]") {
  if (!have_datasets()) return;
  const char* file = "online_retail_uci_sample/online_retail_sample.csv";
  dataset_run all = run(file, window_kind::all);
  CHECK(all.report.rows == 20000);
  CHECK(all.report.bad_rows == 0);
  CHECK(all.report.orders == 8144);
  CHECK(all.report.customers == 3017);
  CHECK(left_out(all.report) ==
        "313 with status \"cancelled\"; 905 without a customer id; ");
  CHECK(all.lines.at(1) ==
        "all,2010-12-01,2011-12-09,3017,8144,316047.01,1586,0.5257,2.6994,38.81,104.76,3017,0,,,,"
        "true");
  dataset_run months = run(file, window_kind::month);
  REQUIRE(months.lines.size() == 14);
  CHECK(
      months.lines[1] ==
      "2010-12,2010-12-01,2010-12-31,440,547,16358.12,74,0.1682,1.2432,29.91,37.18,440,0,,,,true");
  CHECK(months.lines[2] ==
        "2011-01,2011-01-01,2011-01-31,379,432,15629.80,35,0.0923,1.1398,36.18,41.24,263,116,116,0."
        "2636,0.7364,true");
  CHECK(months.lines[3] ==
        "2011-02,2011-02-01,2011-02-28,386,440,19607.87,38,0.0984,1.1399,44.56,50.80,257,129,90,0."
        "2375,0.7625,true");
}

TEST_CASE("CDNOW: every row an order, every customer new in Q1 1997", "[datasets]") {
  if (!have_datasets()) return;
  const char* file = "cdnow/cdnow_master.csv";
  dataset_run all = run(file, window_kind::all);
  CHECK(all.report.rows == 69659);
  CHECK(all.report.orders == 69659);
  CHECK(all.lines.at(1) ==
        "all,1997-01-01,1998-06-30,23570,69659,2500315.63,11662,0.4948,2.9554,35.89,106.08,23570,0,"
        ",,,true");
  dataset_run months = run(file, window_kind::month);
  REQUIRE(months.lines.size() == 19);
  CHECK(months.lines[1] ==
        "1997-01,1997-01-01,1997-01-31,7846,8928,299060.17,844,0.1076,1.1379,33.50,38.12,7846,0,,,,"
        "true");
  CHECK(months.lines[2] ==
        "1997-02,1997-02-01,1997-02-28,9633,11272,379590.03,1178,0.1223,1.1701,33.68,39.41,8476,"
        "1157,1157,0.1475,0.8525,true");
  CHECK(months.lines[3] ==
        "1997-03,1997-03-01,1997-03-31,9524,11598,393155.27,1479,0.1553,1.2178,33.90,41.28,7248,"
        "2276,1681,0.1745,0.8255,true");
}

// The summary's own numbers, computed independently with awk, sort and date(1) from
// cdnow_master.csv: per customer the row count and the amounts with the point removed (cents);
// sorted, the middle ranks, rank ceil(0.9 n) and the running sums of the largest first; the days
// between each customer's first two rows sorted by date.
TEST_CASE("CDNOW summary: half buy once, a fifth of the customers bring two thirds", "[datasets]") {
  if (!have_datasets()) return;
  load_options options;
  options.paths = {std::string(RETAIN_DATASETS_DIR) + "/cdnow/cdnow_master.csv"};
  const order_book book = load_orders(options).book;
  auto text = [](const std::optional<decimal>& d) { return d ? to_string(*d) : "-"; };

  const window_summary all = compute_summary(book, {window_kind::all, {}, {}}).at(0);
  CHECK(all.totals.customers == 23570);
  CHECK(text(all.one_time_buyer_share) == "0.5052");        // 11908 / 23570
  CHECK(text(all.median_orders_per_customer) == "1.0");
  CHECK(text(all.median_days_to_second_order) == "54.0");   // over 11662, 351 of them 0
  CHECK(text(all.median_customer_value) == "43.40");        // (43.38 + 43.41) / 2 = 43.395
  CHECK(text(all.p90_customer_value) == "242.33");          // rank 21213
  CHECK(text(all.top20pct_revenue_share) == "0.6778");      // 4714 customers: 1694648.50
  CHECK(text(all.customer_share_for_80pct_revenue) == "0.3265");  // 7695 customers

  // 1998: only customers who came back; none is new, so no days to a second order.
  const auto years = compute_summary(book, {window_kind::year, {}, {}});
  REQUIRE(years.size() == 2);
  const window_summary& late = years[1];
  CHECK(late.totals.label == "1998");
  CHECK(late.totals.customers == 5374);
  CHECK(late.totals.orders == 12757);
  CHECK(late.totals.revenue == 47615437);
  CHECK(text(late.one_time_buyer_share) == "0.4989");       // 2681 / 5374
  CHECK(text(late.median_orders_per_customer) == "2.0");
  CHECK(text(late.median_days_to_second_order) == "-");
  CHECK(text(late.median_customer_value) == "46.90");       // (46.85 + 46.94) / 2 = 46.895
  CHECK(text(late.p90_customer_value) == "185.06");
  CHECK(text(late.top20pct_revenue_share) == "0.6049");     // 1075 customers: 288005.26
  CHECK(text(late.customer_share_for_80pct_revenue) == "0.4057");  // 2180 customers
}

// The customers analysis against Hardie's calibration-period summary of the CDNOW sample, which
// lifetimes' summary_data_from_transaction_data reproduces; its IDs are the sample ids.
#include <fstream>
#include <map>

#include "retain/customers.h"

namespace {

// Rows of a small CSV without quoted fields, header skipped, CR line ends tolerated.
std::vector<std::vector<std::string>> read_plain_csv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    std::istringstream fields_in(line);
    for (std::string field; std::getline(fields_in, field, ',');) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

// "30.43", "0.0" and "38.86" as hundredths.
std::int64_t hundredths(const std::string& text) {
  money_result value = parse_money(text);
  REQUIRE(value.problem == nullptr);
  return value.cents;
}

}  // namespace

TEST_CASE("CDNOW customers match Hardie's calibration summary to 1997-09-30", "[datasets]") {
  if (!have_datasets()) return;
  const std::string dir = std::string(RETAIN_DATASETS_DIR) + "/cdnow/";
  load_options options;
  options.paths = {dir + "cdnow_sample.csv"};
  options.columns[static_cast<std::size_t>(role::customer)] = "sample_id";
  loaded_orders loaded = load_orders(options);
  const customer_report report = compute_customers(loaded.book, {days_from_civil(1997, 9, 30), std::nullopt, std::nullopt});
  CHECK(report.orders_after == 1959);
  CHECK(report.customers_after == 0);
  REQUIRE(report.customers.size() == 2357);
  std::map<int, const customer_summary*> by_id;
  for (const customer_summary& c : report.customers) by_id[std::stoi(std::string(c.id))] = &c;

  // ID,frequency,recency,T: recency and T in weeks = days / 7, 2 decimals.
  const auto summary = read_plain_csv(dir + "cdnow_customers_summary.csv");
  REQUIRE(summary.size() == 2357);
  std::size_t mismatches = 0;
  for (const auto& row : summary) {
    const customer_summary& c = *by_id.at(std::stoi(row.at(0)));
    const bool same = c.frequency == std::stoull(row.at(1)) &&
                      ratio(c.last_order - c.first_order, 7, 2).units == hundredths(row.at(2)) &&
                      ratio(report.as_of - c.first_order, 7, 2).units == hundredths(row.at(3));
    if (!same && ++mismatches <= 5) FAIL_CHECK("ID " << row.at(0) << " differs");
  }
  CHECK(mismatches == 0);

  // ID,x,t_x,T,zbar: zbar is the mean repeat-purchase value, lifetimes' monetary_value.
  const auto with_values = read_plain_csv(dir + "cdnow_customers_summary_with_transactions.csv");
  REQUIRE(with_values.size() == 2357);
  mismatches = 0;
  for (const auto& row : with_values) {
    const customer_summary& c = *by_id.at(std::stoi(row.at(0)));
    if (monetary_value(c).units != hundredths(row.at(4)) && ++mismatches <= 5) {
      FAIL_CHECK("ID " << row.at(0) << " zbar " << row.at(4) << ", ours "
                       << to_string(monetary_value(c)));
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("Customer orders and revenue add up to the all window of the metrics", "[datasets]") {
  load_options options;
  options.paths = {std::string(RETAIN_SOURCE_DIR) + "/data/orders.csv"};
  const order_book book = load_orders(options).book;
  const window_metrics all = compute_metrics(book, {window_kind::all, {}, {}}).at(0);
  const customer_report report = compute_customers(book, {});
  std::uint64_t orders = 0;
  cents_t revenue = 0;
  for (const customer_summary& c : report.customers) {
    orders += c.orders;
    revenue += c.revenue;
  }
  CHECK(report.customers.size() == all.customers);
  CHECK(orders == all.orders);
  CHECK(revenue == all.revenue);
  CHECK(orders == 3955);
  CHECK(report.orders_after == 0);
}

TEST_CASE("The UCI sample splits by country", "[datasets][groups]") {
  if (!have_datasets()) return;
  load_options options;
  options.paths = {std::string(RETAIN_DATASETS_DIR) + "/online_retail_uci_sample/online_retail_sample.csv"};
  options.columns[static_cast<std::size_t>(role::group)] = "Country";
  loaded_orders loaded = load_orders(options);
  CHECK(loaded.report.orders == 8144);
  CHECK(loaded.report.customers == 3017);
  std::vector<group_book> groups = split_by_group(std::move(loaded.book));
  CHECK(groups.size() == 34);
  std::size_t orders = 0;
  for (const group_book& g : groups) {
    orders += g.book.orders.size();
    cents_t revenue = 0;
    for (const order& o : g.book.orders) revenue += o.cents;
    if (g.group == "United Kingdom") {
      CHECK(g.book.customers.size() == 2712);
      CHECK(g.book.orders.size() == 7280);
      CHECK(revenue == 26006071);
    }
    if (g.group == "Germany") {
      CHECK(g.book.customers.size() == 71);
      CHECK(g.book.orders.size() == 207);
      CHECK(revenue == 876155);
    }
  }
  CHECK(orders == 8144);
}
