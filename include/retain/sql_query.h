// Writes the definitions of `retain metrics`, `retain cohorts` and `retain customers` as one SQL
// query for a warehouse table: named CTEs in the order of the pipeline (source rows, counted
// orders, customer windows, windows, output), each under a comment, whose result is the table that the
// subcommand prints with --format csv, every value as text (NULL where the CSV is empty).
//
// What carries over from the file readers: line items grouped by order id (the earliest date,
// the amounts added up or, with --amount-per order, one total taken once), the order policy
// (rows naming two customers, currencies or --group-by values, placeholder customer ids, e-mail
// ids in lower case, --currency, --include-status and --exclude-status, the whole statuses of
// the vocabulary after lower-casing and folding '_', '-' and spaces, or, with --status-values,
// every status the table holds with the meaning retain gives it, a non-empty cancellation
// column, negative totals, --net leaving out refunded orders and subtracting a refunded-amount
// column), --group-by, and every definition of the three reports. What does not: date layouts
// and decimal marks (the table's column types decide), statuses read word by word or with
// accents unless --status-values lists them, orders given twice, guest e-mails, refund rows.
// README "SQL" has the whole list.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "retain/cohorts.h"
#include "retain/columns.h"
#include "retain/customers.h"
#include "retain/metrics.h"
#include "retain/sql_dialect.h"
#include "retain/sql_statuses.h"

namespace retain {

/// The report a query computes.
enum class sql_report { metrics, cohorts, customers };

/// What counts as an order, as the loader's options say it (load_options).
struct sql_order_policy {
  /// The source column of each role; empty: the table has none. customer, date and amount are
  /// required; order, status, currency, refunded, cancelled_at and group are read when given.
  column_names columns;
  /// What the amount column holds where an order has several rows: order_total (one total,
  /// taken once; rows that give two totals leave the order out) or line (added up). Never
  /// unknown when there is an order column.
  amount_kind amount = amount_kind::line;
  std::string currency;                       ///< --currency, a code; empty: all
  std::vector<std::string> include_statuses;  ///< --include-status, folded
  std::vector<std::string> exclude_statuses;  ///< --exclude-status, folded
  bool net = false;  ///< --net: refunds subtracted, orders refunded in full left out
  /// --status-values: the table's statuses, each with its verdict under the flags above, matched
  /// exactly; a status not listed is counted as one retain does not know (left out with
  /// --include-status). Empty (not given): statuses folded in SQL and matched as whole values
  /// of the vocabulary only.
  std::vector<status_value> status_values;
};

struct sql_request {
  sql_report report = sql_report::metrics;
  sql_dialect dialect = sql_dialect::duckdb;
  /// The table, or any table expression, inserted as written: orders, shop.orders,
  /// read_csv('orders.csv'), file('orders.csv').
  std::string table;
  sql_order_policy policy;
  window_options windows;     ///< metrics: --window, --from, --to, --partial
  cohort_options cohorts;     ///< cohorts: --window, --metric, --cumulative, --from, --to, --partial
  customer_options customers; ///< customers: --as-of, --from, --to (scores always)
  listing_options listing;    ///< customers: --time-unit, --sort, --reverse, --top
  /// The command line the query was made with, for its leading comment.
  std::string command_line;
};

/// The query. Throws a usage error naming the flag for what the query cannot state.
std::string sql_query(const sql_request& request);

}  // namespace retain
