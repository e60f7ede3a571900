#include "retain/sql_query.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "retain/calendar.h"
#include "retain/error.h"
#include "retain/order_rules.h"
#include "retain/sql_writer.h"
#include "retain/statuses.h"

namespace retain {
namespace {

std::string column_of(const sql_order_policy& policy, role r) {
  return policy.columns[static_cast<std::size_t>(r)];
}

// The folded statuses of the vocabulary with this meaning.
std::vector<std::string> vocabulary(status_meaning meaning) {
  std::vector<std::string> out;
  for (const known_status& s : known_statuses()) {
    if (s.meaning == meaning) out.emplace_back(s.folded);
  }
  return out;
}

// The status as the source rows hold it. With --status-values: what retain makes of the raw
// value (sql_statuses.h verdict_token), matched byte for byte (NULL as the empty status), an
// unlisted value as one retain does not know. Without: folded as far as SQL can (lower case,
// '_' '-' and spaces, a 'wc-' prefix), for the whole values of the vocabulary.
std::string status_field(const sql_writer& w, const sql_request& request) {
  const sql_order_policy& policy = request.policy;
  const dialect_rules& r = w.rules();
  const std::string column = w.quote(column_of(policy, role::status));
  if (policy.status_values.empty()) {
    const std::string folded =
        fmt::format("TRIM({})", w.f(r.fold_spaces, w.f(r.lower, fmt::format("TRIM({})", column))));
    return fmt::format("CASE WHEN {0} LIKE 'wc %' THEN SUBSTR({0}, 4) ELSE {0} END", folded);
  }
  const std::string raw = w.f(r.id, fmt::format("COALESCE({}, '')", column));
  std::string cases;
  for (status_verdict v : {status_verdict::left_out, status_verdict::refunded, status_verdict::counted,
                           status_verdict::unknown}) {
    std::vector<std::string> texts;
    for (const status_value& value : policy.status_values) {
      if (value.verdict == v) texts.push_back(value.text);
    }
    if (texts.empty()) continue;
    cases += fmt::format("\n           WHEN {} IN {} THEN {}", raw, w.data_list(texts),
                         sql_writer::literal(verdict_token(v)));
  }
  const status_verdict unlisted =
      policy.include_statuses.empty() ? status_verdict::unknown : status_verdict::left_out;
  return fmt::format("CASE{}\n           ELSE {} END", cases, sql_writer::literal(verdict_token(unlisted)));
}

// The leading comment's lines on statuses: how they are read, and what is assumed.
std::string status_comment(const sql_request& request) {
  const sql_order_policy& policy = request.policy;
  if (column_of(policy, role::status).empty()) return "";
  if (policy.status_values.empty()) {
    return "-- Statuses are matched as whole values only: phrases such as \"Canceled by customer\" count as\n"
           "-- purchases. Run SELECT DISTINCT on the status column and pass it with --status-values.\n";
  }
  return fmt::format(
      "-- Statuses: the values of --status-values, each matched exactly with the meaning retain\n"
      "-- gives it; a status not listed there is {}.\n",
      policy.include_statuses.empty() ? "counted, as a status retain does not know"
                                      : "left out (--include-status)");
}

// The leading comment, the source rows and the orders CTEs: what every report starts from.
// The counted_orders CTE has one row per counted order: customer, order_day (a DATE) and cents.
std::string orders_ctes(const sql_writer& w, const sql_request& request) {
  const sql_order_policy& policy = request.policy;
  const dialect_rules& r = w.rules();
  auto col = [&](role role_) { return w.quote(column_of(policy, role_)); };
  auto has = [&](role role_) { return !column_of(policy, role_).empty(); };

  std::string out = fmt::format("-- {}\n-- Written by retain for {}: the table it returns is what the command prints with\n"
                                "-- --format csv (every value as text, NULL where the CSV is empty).\n",
                                request.command_line, r.comment);
  out += status_comment(request);
  out += "WITH\n";

  // Source rows.
  const std::string trimmed = fmt::format("TRIM({})", w.text(col(role::customer)));
  const std::vector<std::string> missing(missing_customer_ids().begin(), missing_customer_ids().end());
  const std::string customer =
      fmt::format("CASE WHEN {0} IN {2} THEN NULL WHEN {0} LIKE '%@%' THEN {1} ELSE {0} END", trimmed,
                  w.f(r.lower, trimmed), sql_writer::list(missing));
  std::vector<std::string> fields = {
      fmt::format("{} AS src_customer", w.f(r.id, customer)),
      fmt::format("{} AS src_day", w.f(r.to_date, col(role::date))),
      fmt::format("{} AS src_cents", w.f(r.to_integer, fmt::format("ROUND({} * 100)", col(role::amount))))};
  if (has(role::order)) fields.push_back(fmt::format("{} AS src_order", w.f(r.id, w.text(col(role::order)))));
  const bool mapped = !policy.status_values.empty();
  if (has(role::status)) fields.push_back(status_field(w, request) + " AS src_status");
  if (has(role::cancelled_at)) {
    fields.push_back(fmt::format("CASE WHEN {0} IS NULL OR {1} = '' THEN 0 ELSE 1 END AS src_cancelled",
                                 col(role::cancelled_at), w.text(col(role::cancelled_at))));
  }
  if (has(role::currency)) {
    fields.push_back(fmt::format("NULLIF(UPPER(TRIM({})), '') AS src_currency", col(role::currency)));
  }
  if (has(role::group)) {
    fields.push_back(fmt::format("{} AS src_group", w.f(r.id, fmt::format("NULLIF({}, '')", w.text(col(role::group))))));
  }
  if (has(role::refunded)) {
    fields.push_back(fmt::format("{} AS src_refunded",
                                 w.f(r.to_integer, fmt::format("ROUND(ABS({}) * 100)", col(role::refunded)))));
  }
  out += fmt::format(
      "-- Source rows: the columns retain reads. Dates are the DATE of the column as the table types\n"
      "-- it; amounts in whole cents; customer ids trimmed, e-mails in lower case, placeholders\n"
      "-- (NA, null, 0, -, guest, ...) as no customer; {}.\n"
      "source_rows AS (\n  SELECT {}\n  FROM {}\n),\n",
      mapped ? "statuses as what retain makes of each (above)"
             : "statuses in lower case, '_' '-' and spaces\n-- folded, a 'wc-' prefix dropped",
      fmt::join(fields, ",\n         "), request.table);

  // Orders: the policy, each condition per row or over an order's rows.
  const bool grouped = has(role::order);
  auto any = [&](const std::string& row_condition) {  // some row of the order
    return grouped ? fmt::format("SUM(CASE WHEN {} THEN 1 ELSE 0 END) > 0", row_condition) : row_condition;
  };
  auto one = [&](const std::string& field) {  // the value all rows of the order share
    return grouped ? fmt::format("MIN({0}) = MAX({0})", field) : fmt::format("{} IS NOT NULL", field);
  };
  auto first = [&](const std::string& field) { return grouped ? fmt::format("MIN({})", field) : field; };
  const std::string amount =
      !grouped ? "src_cents"
               : (policy.amount == amount_kind::order_total ? "MIN(src_cents)" : "SUM(src_cents)");
  std::vector<std::string> kept = {one("src_customer") + "  -- one customer, not a placeholder"};
  // Rows without a currency (an order's line items) take the order's; no currency is one too.
  const std::string currency = grouped ? "COALESCE(MIN(src_currency), '')" : "COALESCE(src_currency, '')";
  // An order's rows may leave the --group-by value blank (Shopify fills it on one row only).
  const std::string group = grouped ? "COALESCE(MIN(src_group), '')" : "COALESCE(src_group, '')";
  if (has(role::group) && grouped) {
    kept.push_back(fmt::format("{} = COALESCE(MAX(src_group), '')  -- one --group-by value", group));
  }
  if (has(role::currency) && grouped) {
    kept.push_back(fmt::format("{} = COALESCE(MAX(src_currency), '')  -- one currency", currency));
  }
  std::vector<std::string> not_purchase;
  if (has(role::cancelled_at)) not_purchase.push_back("src_cancelled = 1");
  if (has(role::status)) {
    if (!policy.include_statuses.empty()) {
      const std::string listed = mapped ? "src_status <> 'left out'"
                                        : fmt::format("src_status IN {}", sql_writer::list(policy.include_statuses));
      kept.push_back(any(listed + (has(role::cancelled_at) ? " AND src_cancelled = 0" : "")) +
                     "  -- --include-status");
    } else if (mapped) {
      not_purchase.push_back("src_status = 'left out'");
    } else {
      std::vector<std::string> statuses = vocabulary(status_meaning::not_purchase);
      statuses.insert(statuses.end(), policy.exclude_statuses.begin(), policy.exclude_statuses.end());
      not_purchase.push_back(fmt::format("src_status IN {}", sql_writer::list(statuses)));
    }
  }
  if (!not_purchase.empty()) {
    kept.push_back(fmt::format("NOT ({})  -- not a purchase: cancelled, failed, pending, ...",
                               any(fmt::format("{}", fmt::join(not_purchase, " OR ")))));
  }
  if (!policy.currency.empty()) {
    if (!has(role::currency)) {
      throw usage_error("--currency needs the table's currency column (--currency-column): retain sql "
                        "does not read currency signs in amounts");
    }
    kept.push_back(fmt::format("{} = {}  -- --currency", currency, sql_writer::literal(policy.currency)));
  }
  kept.push_back(fmt::format("{} IS NOT NULL  -- a date", first("src_day")));
  kept.push_back(fmt::format("{} IS NOT NULL  -- an amount", grouped ? "MAX(src_cents)" : "src_cents"));
  if (grouped && policy.amount == amount_kind::order_total) {
    kept.push_back(one("src_cents") + "  -- one order total on all its rows");
  }
  kept.push_back(fmt::format("{} >= 0  -- a negative amount is a refund or credit", amount));
  // The money refunded: the refunded-amount column's, on one row or repeated on each.
  const std::string refunded_cents =
      has(role::refunded) ? fmt::format("COALESCE({}, 0)", grouped ? "MAX(src_refunded)" : "src_refunded") : "";
  if (policy.net && (has(role::status) || has(role::refunded))) {
    std::vector<std::string> in_full;
    if (has(role::status)) {
      in_full.push_back(any(mapped ? "src_status = 'refunded'"
                                   : fmt::format("src_status IN {}",
                                                 sql_writer::list(vocabulary(status_meaning::refunded)))));
    }
    if (has(role::refunded)) in_full.push_back(fmt::format("{} - {} <= 0", amount, refunded_cents));
    kept.push_back(fmt::format("NOT (({}) AND {} > 0)  -- --net: refunded in full",
                               fmt::join(in_full, " OR "), amount));
  }
  // The order's revenue: with --net, what the refunds left of it.
  const std::string cents = policy.net && has(role::refunded)
                                ? fmt::format("{0} - LEAST({1}, {0})", amount, refunded_cents)
                                : amount;
  out += fmt::format(
      "-- Counted orders: {}; an order is counted when all of these hold.\n"
      "counted_orders AS (\n  SELECT {} AS customer, {} AS order_day, {} AS cents{}\n  FROM source_rows\n  {} {}\n),\n",
      grouped ? "rows sharing an order id are one order, dated by its earliest row"
              : "every row is an order",
      first("src_customer"), first("src_day"), cents, has(role::group) ? ", " + group + " AS grp" : "",
      grouped ? "GROUP BY src_order\n  HAVING" : "WHERE",
      fmt::join(kept, "\n    AND "));
  return out;
}

// The end of a query: the series CTE of the window numbers lo..hi of `bounds`, with `body` after.
std::string series_cte(const sql_writer& w) {
  return fmt::format("-- Series: the window numbers from the first to the last.\nseries AS (\n  {}\n),\n",
                     w.rules().series);
}

// With --group-by: "grp, ", the column that comes before the customer in every grouping.
std::string group_prefix(const sql_request& request) {
  return column_of(request.policy, role::group).empty() ? "" : "grp, ";
}

// With --group-by: the groups CTE, every value of the column (each group has every window).
std::string groups_cte(const sql_request& request) {
  if (group_prefix(request).empty()) return "";
  return "-- Groups: each --group-by value (\"\" for none), analysed as if it were the whole table.\n"
         "group_values AS (\n  SELECT DISTINCT grp AS group_value\n  FROM counted_orders\n),\n";
}

// With --group-by: the output's first column, the group value ("" as an empty field).
std::string group_column(const sql_writer& w, const sql_request& request, const std::string& value) {
  if (group_prefix(request).empty()) return "";
  return fmt::format("NULLIF({}, '') AS {},\n       ", w.f(w.rules().id_text, value), w.quote("group"));
}

// The span CTE: one row, the first and last order's day.
std::string span_cte() {
  return "-- Span: the first and last order's day.\n"
         "span AS (\n  SELECT MIN(order_day) AS first_order_day, MAX(order_day) AS last_order_day\n"
         "  FROM counted_orders\n),\n";
}

std::string metrics_query(const sql_writer& w, const sql_request& request) {
  const window_options& o = request.windows;
  const window_kind kind = o.kind;
  const dialect_rules& r = w.rules();
  const std::string g = group_prefix(request);
  const std::string first_day = o.from ? w.date(*o.from) : "first_order_day";
  const std::string last_day = o.to ? w.date(*o.to) : "last_order_day";
  std::string q = orders_ctes(w, request) + span_cte();
  q += fmt::format(
      "-- Bounds: the first and last day counted (--from and --to, else the first and last order's\n"
      "-- day) and their windows.\n"
      "bounds AS (\n  SELECT {0} AS first_day, {1} AS last_day, {2} AS lo, {3} AS hi\n  FROM span\n),\n",
      first_day, last_day, w.window_of(kind, first_day), w.window_of(kind, last_day));
  q += fmt::format(
      "-- Dated orders: each order with its window and its customer's first order day in the table.\n"
      "dated_orders AS (\n  SELECT {1}customer, order_day, cents, {0} AS w,\n"
      "         MIN(order_day) OVER (PARTITION BY {1}customer) AS customer_first_day\n  FROM counted_orders\n),\n",
      w.window_of(kind, "order_day"), g);
  q += fmt::format(
      "-- Customer windows: one row per customer and window with orders within the days counted;\n"
      "-- new when the customer's first order is in the window (and not before the first day).\n"
      "customer_windows AS (\n"
      "  SELECT {1}customer, w, COUNT(*) AS window_orders, SUM(cents) AS window_cents,\n"
      "         MAX(CASE WHEN customer_first_day >= first_day AND {0} = w THEN 1 ELSE 0 END) AS is_new\n"
      "  FROM dated_orders CROSS JOIN bounds\n"
      "  WHERE order_day >= first_day AND order_day <= last_day\n"
      "  GROUP BY {1}customer, w\n),\n",
      w.window_of(kind, "customer_first_day"), g);
  q += fmt::format(
      "-- Returns: each customer window with the customer's window before it.\n"
      "returns AS (\n  SELECT {}w, window_orders, window_cents, is_new, {} AS previous_w\n"
      "  FROM customer_windows\n),\n",
      g, w.previous("w", fmt::format("PARTITION BY {}customer ORDER BY w", g)));
  q += fmt::format(
      "-- Window totals: customers, orders, revenue, repeat, new and retained customers.\n"
      "window_totals AS (\n"
      "  SELECT {0}w, COUNT(*) AS customers, SUM(window_orders) AS orders, SUM(window_cents) AS cents,\n"
      "         SUM(CASE WHEN window_orders > 1 THEN 1 ELSE 0 END) AS repeat_customers,\n"
      "         SUM(is_new) AS new_customers,\n"
      "         SUM(CASE WHEN previous_w = w - 1 THEN 1 ELSE 0 END) AS retained_customers\n"
      "  FROM returns\n  GROUP BY {0}w\n),\n",
      g);
  q += series_cte(w) + groups_cte(request);
  const bool all = kind == window_kind::all;
  const std::string start = all ? "first_day" : w.window_start(kind, "n");
  const std::string end = all ? "last_day" : w.window_end(kind, "n");
  const std::string complete =
      all ? "1" : fmt::format("CASE WHEN {} >= first_day AND {} <= last_day THEN 1 ELSE 0 END", start, end);
  q += fmt::format(
      "-- Windows: every window from the first to the last, those without orders as zeros; start and\n"
      "-- end clipped to the days counted; complete when the days counted cover the whole window.\n"
      "windows AS (\n"
      "  SELECT {5}n, {0} AS label,\n"
      "         GREATEST({1}, first_day) AS start_day,\n"
      "         LEAST({2}, last_day) AS end_day,\n"
      "         {3} AS complete,\n"
      "         n = lo AS first_window, n = hi AS last_window,\n"
      "         COALESCE(t.customers, 0) AS customers, COALESCE(t.orders, 0) AS orders,\n"
      "         COALESCE(t.cents, 0) AS cents, COALESCE(t.repeat_customers, 0) AS repeat_customers,\n"
      "         COALESCE(t.new_customers, 0) AS new_customers,\n"
      "         COALESCE(t.customers, 0) - COALESCE(t.new_customers, 0) AS returning_all,\n"
      "         COALESCE(t.retained_customers, 0) AS retained_all,\n"
      "         {4} AS previous_customers\n"
      "  FROM series CROSS JOIN bounds{6} LEFT JOIN window_totals t ON t.w = n{7}\n),\n",
      w.window_label(kind, "n"), start, end, complete,
      w.previous("COALESCE(t.customers, 0)", g.empty() ? "ORDER BY n" : "PARTITION BY group_value ORDER BY n"),
      g.empty() ? "" : "group_value, ", g.empty() ? "" : " CROSS JOIN group_values",
      g.empty() ? "" : " AND t.grp = group_value");
  // Retention: none for the first window, nor (unless --partial include) a partial last one.
  const std::string no_retention =
      o.partial == partial_policy::include ? "first_window" : "first_window OR (last_window AND complete = 0)";
  q += fmt::format(
      "-- Rates: ratios of the exact integers, rounded half away from zero (NULL over zero).\n"
      "rates AS (\n"
      "  SELECT windows.*, CASE WHEN {0} THEN NULL ELSE retained_all END AS retained_customers,\n"
      "         {1} AS repeat_rate,\n"
      "         {2} AS purchase_frequency,\n"
      "         {3} AS aov,\n"
      "         {4} AS customer_value,\n"
      "         CASE WHEN {0} THEN NULL ELSE {5} END AS retention_rate,\n"
      "         CASE WHEN {0} THEN NULL ELSE 10000 - {5} END AS churn\n"
      "  FROM windows\n)\n",
      no_retention, w.ratio("repeat_customers", "customers", 4), w.ratio("orders", "customers", 4),
      w.ratio("cents", "orders", 0), w.ratio("cents", "customers", 0),
      w.ratio("retained_all", "previous_customers", 4));
  auto as = [&](const std::string& e, std::string_view name) { return fmt::format("{} AS {}", e, w.quote(name)); };
  const std::vector<std::string> out = {
      group_column(w, request, "group_value") + as("label", "window"),
      as(w.f(r.date_text, "start_day"), "start"),
      as(w.f(r.date_text, "end_day"), "end"),
      as(w.count("customers"), "customers"),
      as(w.count("orders"), "orders"),
      as(w.fixed("cents", 2), "revenue"),
      as(w.count("repeat_customers"), "repeat_customers"),
      as(w.fixed("repeat_rate", 4), "repeat_rate"),
      as(w.fixed("purchase_frequency", 4), "purchase_frequency"),
      as(w.fixed("aov", 2), "aov"),
      as(w.fixed("customer_value", 2), "customer_value"),
      as(w.count("new_customers"), "new_customers"),
      as(w.count("returning_all"), "returning_customers"),
      as(w.count("retained_customers"), "retained_customers"),
      as(w.fixed("retention_rate", 4), "retention_rate"),
      as(w.fixed("churn", 4), "churn_rate"),
      as("CASE WHEN complete = 1 THEN 'true' ELSE 'false' END", "complete")};
  q += fmt::format("-- Output: the columns of retain metrics --format csv.\nSELECT {}\nFROM rates\nORDER BY {}n\n{}",
                   fmt::join(out, ",\n       "),
                   g.empty() ? "" : w.f(r.id, "group_value") + ", ", r.settings);
  return q;
}


std::string cohorts_query(const sql_writer& w, const sql_request& request) {
  const cohort_options& o = request.cohorts;
  const window_kind kind = o.kind;
  const bool by_customer = o.metric == cohort_metric::retention || o.metric == cohort_metric::customers;
  const std::string g = group_prefix(request);
  const std::string from_day = o.from ? w.date(*o.from) : "first_order_day";
  const std::string last_day = o.to ? w.date(*o.to) : "last_order_day";
  std::string q = orders_ctes(w, request) + span_cte();
  // The last window's periods, when the last day is not its last, are left out unless included.
  const std::string drop_last =
      o.partial == partial_policy::include
          ? "0"
          : fmt::format("CASE WHEN {} > {} THEN 1 ELSE 0 END", w.window_end(kind, w.window_of(kind, last_day)),
                        last_day);
  q += fmt::format(
      "-- Bounds: the first day of a customer's first order that makes a cohort (--from, else the\n"
      "-- first order's), the last day counted (--to, else the last order's), and the periods.\n"
      "bounds AS (\n  SELECT {0} AS from_day, {1} AS last_day, {2} AS last_w, {3} AS drop_last,\n"
      "         0 AS lo, {2} - {4} AS hi\n  FROM span\n),\n",
      from_day, last_day, w.window_of(kind, last_day), drop_last, w.window_of(kind, from_day));
  q += fmt::format(
      "-- Dated orders: each order up to the last day with its window and its customer's cohort, the\n"
      "-- window of the customer's first order in the table, when that is within the days counted.\n"
      "dated_orders AS (\n"
      "  SELECT {2}customer, cents, {0} AS w, {1} AS cohort_w, customer_first_day\n"
      "  FROM (SELECT {2}customer, order_day, cents,\n"
      "               MIN(order_day) OVER (PARTITION BY {2}customer) AS customer_first_day\n"
      "        FROM counted_orders) AS customer_orders CROSS JOIN bounds\n"
      "  WHERE customer_first_day >= from_day AND customer_first_day <= last_day AND order_day <= last_day\n),\n",
      w.window_of(kind, "order_day"), w.window_of(kind, "customer_first_day"), g);
  q += fmt::format(
      "-- Customer windows: one row per customer and window, with the customer's first return (a window\n"
      "-- after the cohort's).\n"
      "customer_windows AS (\n"
      "  SELECT {0}customer, cohort_w, w - cohort_w AS period, COUNT(*) AS window_orders,\n"
      "         SUM(cents) AS window_cents,\n"
      "         CASE WHEN w > cohort_w AND w = MIN(CASE WHEN w > cohort_w THEN w END) OVER (PARTITION BY {0}customer)\n"
      "              THEN 1 ELSE 0 END AS first_return\n"
      "  FROM dated_orders\n  GROUP BY {0}customer, cohort_w, w\n),\n",
      g);
  std::string cell;
  switch (o.metric) {
    case cohort_metric::retention:
    case cohort_metric::customers:
      cell = o.cumulative ? "SUM(first_return)" : "COUNT(*)";
      break;
    case cohort_metric::orders:
      cell = "SUM(window_orders)";
      break;
    case cohort_metric::revenue:
    case cohort_metric::revenue_per_customer:
      cell = "SUM(window_cents)";
      break;
  }
  q += fmt::format(
      "-- Cells: per cohort and period with orders: {0}.\n"
      "cells AS (\n  SELECT {2}cohort_w, period, {1} AS total\n  FROM customer_windows\n  GROUP BY {2}cohort_w, period\n),\n"
      "-- Cohorts: the customers of each cohort.\n"
      "cohorts AS (\n  SELECT {2}cohort_w, COUNT(*) AS cohort_customers\n  FROM customer_windows\n"
      "  WHERE period = 0\n  GROUP BY {2}cohort_w\n),\n",
      by_customer ? (o.cumulative ? "customers returning first then" : "customers with an order")
                  : (o.metric == cohort_metric::orders ? "orders" : "revenue in cents"),
      cell, g);
  q += series_cte(w);
  // Period 0 of a customers metric is the whole cohort; cumulative sums run from period 1 for
  // returns, from period 0 for orders and revenue.
  std::string total = "COALESCE(cells.total, 0)";
  if (o.cumulative) {
    total = fmt::format("SUM({}) OVER (PARTITION BY {}cohorts.cohort_w ORDER BY n ROWS BETWEEN UNBOUNDED "
                        "PRECEDING AND CURRENT ROW)",
                        total, g.empty() ? "" : "cohorts.grp, ");
  }
  if (by_customer) total = fmt::format("CASE WHEN n = 0 THEN cohort_customers ELSE {} END", total);
  q += fmt::format(
      "-- Periods: every complete period of every cohort, those without orders as zeros.\n"
      "periods AS (\n"
      "  SELECT {1}cohorts.cohort_w AS cohort_number, n AS period_number, cohort_customers AS cohort_size,\n"
      "         {0} AS total\n"
      "  FROM cohorts CROSS JOIN series CROSS JOIN bounds\n"
      "  LEFT JOIN cells ON cells.cohort_w = cohorts.cohort_w AND cells.period = n{2}\n"
      "  WHERE n <= last_w - cohorts.cohort_w - drop_last\n)\n",
      total, g.empty() ? "" : "cohorts.grp AS group_value, ", g.empty() ? "" : " AND cells.grp = cohorts.grp");
  std::string value;
  switch (o.metric) {
    case cohort_metric::retention:
      value = w.fixed(w.ratio("total", "cohort_size", 4), 4);
      break;
    case cohort_metric::customers:
    case cohort_metric::orders:
      value = w.count("total");
      break;
    case cohort_metric::revenue:
      value = w.fixed("total", 2);
      break;
    case cohort_metric::revenue_per_customer:
      value = w.fixed(w.ratio("total", "cohort_size", 0), 2);
      break;
  }
  auto as = [&](const std::string& e, std::string_view name) { return fmt::format("{} AS {}", e, w.quote(name)); };
  const std::vector<std::string> out = {group_column(w, request, "group_value") +
                                            as(w.window_label(kind, "cohort_number"), "cohort"),
                                        as(w.count("period_number"), "period"),
                                        as(w.count("cohort_size"), "cohort_customers"),
                                        as(value, "value")};
  q += fmt::format(
      "-- Output: the columns of retain cohorts --format csv (long form).\n"
      "SELECT {}\nFROM periods\nORDER BY {}cohort_number, period_number\n{}",
      fmt::join(out, ",\n       "), g.empty() ? "" : w.f(w.rules().id, "group_value") + ", ",
      w.rules().settings);
  return q;
}

// The ORDER BY of the listing: the key's own order (reversed with --reverse), ties by id.
std::string listing_order(const sql_writer& w, const listing_options& listing) {
  const char* key = nullptr;
  switch (listing.sort) {
    case sort_key::revenue: key = "revenue_cents"; break;
    case sort_key::orders: key = "order_count"; break;
    case sort_key::first_order: key = "first_number"; break;
    case sort_key::last_order: key = "last_number"; break;
    case sort_key::days_since_last_order: key = "as_of_number - last_number"; break;
    case sort_key::frequency: key = "repeat_days"; break;
    case sort_key::recency: key = "last_number - first_number"; break;
    case sort_key::t: key = "as_of_number - first_number"; break;
    case sort_key::r_score: key = "r_value"; break;
    case sort_key::f_score: key = "f_value"; break;
    case sort_key::m_score: key = "m_value"; break;
    case sort_key::segment: key = "segment_rank"; break;
    case sort_key::customer: break;
    case sort_key::aov:
    case sort_key::monetary_value:
      throw usage_error(fmt::format(
          "retain sql cannot sort by {}: it is a ratio, which retain compares exactly; sort by "
          "revenue, orders or another column", name_of(kSortKeyNames, listing.sort)));
  }
  const std::string id = w.f(w.rules().id, "customer");
  if (key == nullptr) return fmt::format("{} {}", id, listing.reverse ? "DESC" : "ASC");
  // Larger first; segments best first (the smallest rank).
  const bool descending = (listing.sort != sort_key::segment) != listing.reverse;
  return fmt::format("{} {}, {} ASC", key, descending ? "DESC" : "ASC", id);
}

std::string customers_query(const sql_writer& w, const sql_request& request) {
  const customer_options& o = request.customers;
  const listing_options& listing = request.listing;
  const dialect_rules& r = w.rules();
  std::string q = orders_ctes(w, request) + span_cte();
  const std::string as_of = o.as_of ? w.date(*o.as_of) : (o.to ? w.date(*o.to) : "last_order_day");
  const std::string end = o.as_of && o.to ? fmt::format("LEAST({}, {})", as_of, w.date(*o.to)) : as_of;
  q += fmt::format(
      "-- Bounds: the as-of day (--as-of, else --to, else the last order's day) and the days counted\n"
      "-- (--from, else the first order's, to the as-of day and --to).\n"
      "bounds AS (\n  SELECT {} AS as_of_day, {} AS from_day, {} AS end_day\n  FROM span\n),\n",
      as_of, o.from ? w.date(*o.from) : "first_order_day", end);
  q += fmt::format(
      "-- Purchase days: one row per customer and day with orders within the days counted.\n"
      "purchase_days AS (\n"
      "  SELECT customer, {} AS day_number, COUNT(*) AS day_orders, SUM(cents) AS day_cents\n"
      "  FROM counted_orders CROSS JOIN bounds\n"
      "  WHERE order_day >= from_day AND order_day <= end_day\n"
      "  GROUP BY customer, order_day\n),\n",
      w.f(r.day_number, "order_day"));
  q +=
      "-- Customer totals: first and last purchase day, orders, revenue, frequency (purchase days - 1),\n"
      "-- and the revenue of the repeat purchase days.\n"
      "customer_totals AS (\n"
      "  SELECT customer, MIN(day_number) AS first_number, MAX(day_number) AS last_number,\n"
      "         SUM(day_orders) AS order_count, SUM(day_cents) AS revenue_cents, COUNT(*) - 1 AS repeat_days,\n"
      "         SUM(day_cents) - SUM(CASE WHEN day_number = first_purchase THEN day_cents ELSE 0 END)\n"
      "           AS repeat_revenue\n"
      "  FROM (SELECT purchase_days.*, MIN(day_number) OVER (PARTITION BY customer) AS first_purchase\n"
      "        FROM purchase_days) AS customer_days\n"
      "  GROUP BY customer\n),\n";
  auto score = [&](const char* key) {
    return w.divide(fmt::format("5 * (RANK() OVER (ORDER BY {}) - 1)", key), "COUNT(*) OVER ()") + " + 1";
  };
  q += fmt::format(
      "-- Scores: R, F and M are 1 + 5 x (customers with a smaller value) / customers.\n"
      "scores AS (\n"
      "  SELECT customer_totals.*, {} AS as_of_number,\n"
      "         {} AS r_value, {} AS f_value, {} AS m_value\n"
      "  FROM customer_totals CROSS JOIN bounds\n),\n",
      w.f(r.day_number, "as_of_day"), score("last_number"), score("order_count"), score("revenue_cents"));
  q +=
      "-- Segments: from R and F, best first.\n"
      "segments AS (\n"
      "  SELECT scores.*,\n"
      "         CASE WHEN r_value >= 4 AND f_value = 1 THEN 3\n"
      "              WHEN r_value >= 4 AND f_value <= 3 THEN 2\n"
      "              WHEN r_value = 5 THEN 0\n"
      "              WHEN r_value = 4 THEN 1\n"
      "              WHEN r_value = 3 AND f_value >= 4 THEN 1\n"
      "              WHEN r_value = 3 THEN 6\n"
      "              WHEN f_value = 5 THEN 5\n"
      "              WHEN f_value >= 3 THEN 4\n"
      "              WHEN r_value = 2 THEN 6\n"
      "              ELSE 7 END AS segment_rank\n"
      "  FROM scores\n)\n";
  auto in_unit = [&](const std::string& days) {
    return listing.unit == time_unit::weeks ? w.fixed(w.ratio(days, "7", 4), 4) : w.text(days);
  };
  auto as = [&](const std::string& e, std::string_view name) { return fmt::format("{} AS {}", e, w.quote(name)); };
  const std::vector<std::string> out = {
      as(w.f(r.id_text, "customer"), "customer"),
      as(w.f(r.date_text, w.f(r.date_of_day, "first_number")), "first_order"),
      as(w.f(r.date_text, w.f(r.date_of_day, "last_number")), "last_order"),
      as(w.text("order_count"), "orders"),
      as(w.fixed("revenue_cents", 2), "revenue"),
      as(w.fixed(w.ratio("revenue_cents", "order_count", 0), 2), "aov"),
      as(w.text("as_of_number - last_number"), "days_since_last_order"),
      as(w.text("repeat_days"), "frequency"),
      as(in_unit("last_number - first_number"), "recency"),
      as(in_unit("as_of_number - first_number"), "T"),
      as(fmt::format("CASE WHEN repeat_days = 0 THEN '0.00' ELSE {} END",
                     w.fixed(w.ratio("repeat_revenue", "repeat_days", 0), 2)),
         "monetary_value"),
      as(w.text("r_value"), "r_score"),
      as(w.text("f_value"), "f_score"),
      as(w.text("m_value"), "m_score"),
      as("CASE segment_rank WHEN 0 THEN 'Champions' WHEN 1 THEN 'Loyal' WHEN 2 THEN 'Potential loyalists' "
         "WHEN 3 THEN 'New' WHEN 4 THEN 'At risk' WHEN 5 THEN 'Can''t lose' WHEN 6 THEN 'Hibernating' "
         "ELSE 'Lost' END",
         "segment")};
  q += fmt::format("-- Output: the columns of retain customers --format csv.\nSELECT {}\nFROM segments\nORDER BY {}\n{}{}",
                   fmt::join(out, ",\n       "), listing_order(w, listing),
                   listing.top ? fmt::format("LIMIT {}\n", *listing.top) : std::string(), r.settings);
  return q;
}

}  // namespace

std::string sql_query(const sql_request& request) {
  const sql_writer w(request.dialect);
  std::string query;
  switch (request.report) {
    case sql_report::metrics:
      query = metrics_query(w, request);
      break;
    case sql_report::cohorts:
      query = cohorts_query(w, request);
      break;
    case sql_report::customers:
      query = customers_query(w, request);
      break;
  }
  // One statement, ended as every engine's shell wants it.
  while (!query.empty() && query.back() == '\n') query.pop_back();
  return query + ";\n";
}

}  // namespace retain
