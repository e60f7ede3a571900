// retain sql: the definitions of metrics, cohorts and customers as one SQL query for the table
// where the orders already live (sql_query.h says what carries over from the file readers).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "retain/byte_source.h"
#include "retain/cli.h"
#include "retain/error.h"
#include "retain/loader.h"
#include "retain/output.h"
#include "retain/sql_query.h"
#include "retain/sql_statuses.h"
#include "retain/sql_writer.h"

namespace retain {
namespace {

struct sql_flags {
  input_flags input;  // the column and order policy flags only
  sql_request request;
  std::string header_from;
  window_flags window;  // metrics: --window, --from, --to, --partial; the others: --from, --to
  std::string as_of;
  std::size_t top = 0;
  std::string output;
  std::string status_values;  // --status-values: a path, "-" for standard input
};

// The roles a query can read; the others are a usage error naming their flag.
constexpr role kReadRoles[] = {role::customer, role::date,         role::amount,  role::order,
                               role::status,   role::currency,     role::refunded,
                               role::cancelled_at, role::group};

// The column of each role: the flags' names, found in the header of --header-from by the same
// detection as every subcommand, or taken as they are.
column_names source_columns(sql_flags& flags) {
  const column_names& given = flags.input.load.columns;
  column_map map;
  if (!flags.header_from.empty()) {
    map = read_plan(flags.header_from, flags.input.load).columns;
  } else {
    std::vector<std::string> header;
    for (const std::string& name : given) {
      if (!name.empty()) header.push_back(name);
    }
    map = map_columns(header, given, "the flags", flags.input.load.amount_per);
  }
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    const role r = static_cast<role>(i);
    const bool read = std::find(std::begin(kReadRoles), std::end(kReadRoles), r) != std::end(kReadRoles);
    if (map.has(r) && !read) {
      throw usage_error(fmt::format("retain sql cannot read the {} column \"{}\" (--{}): only {}",
                                    role_name(r), map.name(r), role_name(r),
                                    "--customer, --date, --amount, --order, --status, "
                                    "--currency-column, --refunded, --cancelled-at and --group-by"));
    }
  }
  if (map.refunded_is_remaining || map.status_is_refund_flag) {
    throw usage_error(fmt::format("retain sql cannot read {}'s refunds: give --refunded with the money refunded",
                                  map.platform));
  }
  if (map.c_invoices_cancel) {
    throw usage_error("retain sql cannot read UCI's cancelling 'C' invoices: give --cancelled-at or "
                      "leave the cancellations out of the table");
  }
  column_names columns;
  for (role r : kReadRoles) {
    if (map.has(r)) columns[static_cast<std::size_t>(r)] = map.name(r);
  }
  flags.request.policy.amount = map.amount != amount_kind::unknown ? map.amount : map.amount_hint;
  if (map.has(role::order) && flags.request.policy.amount == amount_kind::unknown) {
    throw usage_error(fmt::format(
        "what the amount column \"{}\" holds where an order has several rows is decided from the "
        "data by the other subcommands: give --amount-per order or --amount-per row",
        map.name(role::amount)));
  }
  return columns;
}

// --status-values: the table's statuses, each judged as the loader judges it. Without it, where
// the table has a status column, a warning: the query folds statuses as far as SQL can and
// matches whole values of the vocabulary, so phrases that retain reads word by word ("Canceled
// by customer") would be counted. The run goes on (exit 0): the query is right for the many
// tables whose statuses are whole values (Shopify, WooCommerce, Stripe), and the warning and the
// query's comment name the flag that makes it right for the others.
void read_statuses(const std::string& path, sql_request& request) {
  sql_order_policy& policy = request.policy;
  const std::string column = policy.columns[static_cast<std::size_t>(role::status)];
  if (path.empty()) {
    if (!column.empty()) {
      std::fputs(fmt::format("retain: warning: retain sql matches statuses as whole values only: phrases "
                             "such as \"Canceled by customer\" would count as purchases; run SELECT "
                             "DISTINCT {} FROM {} and pass its output with --status-values\n",
                             sql_writer(request.dialect).quote(column), request.table)
                     .c_str(),
                 stderr);
    }
    return;
  }
  if (column.empty()) throw usage_error("--status-values needs the table's status column (--status)");
  opened_input input = open_input(path);
  policy.status_values = judge_status_values(read_status_values(*input.source, input.name, column),
                                             policy.include_statuses, policy.exclude_statuses);
  const std::string warning = unknown_values_warning(policy.status_values, input.name);
  if (!warning.empty()) std::fputs(fmt::format("retain: warning: {}\n", warning).c_str(), stderr);
}

void run_sql(sql_flags& flags, sql_report report, const std::string& command_line) {
  read_order_policy_flags(flags.input);
  sql_request& request = flags.request;
  request.report = report;
  request.command_line = command_line;
  request.policy.columns = source_columns(flags);
  request.policy.currency = flags.input.load.currency;
  request.policy.include_statuses = flags.input.load.include_statuses;
  request.policy.exclude_statuses = flags.input.load.exclude_statuses;
  request.policy.net = flags.input.load.net;
  read_statuses(flags.status_values, request);
  request.windows = to_window_options(flags.window);
  request.cohorts.from = request.windows.from;
  request.cohorts.to = request.windows.to;
  request.customers = to_customer_options(flags.as_of, flags.window);
  request.listing = to_listing_options(request.listing, flags.top);
  write_output(sql_query(request), flags.output);
}

}  // namespace

void add_sql_command(CLI::App& app, std::string command_line) {
  CLI::App* sql = app.add_subcommand(
      "sql", "The definitions of metrics, cohorts or customers as one SQL query for a warehouse table");
  sql->require_subcommand(1);
  const std::string footer =
      "Prints one query that computes, inside the engine, what the subcommand prints with\n"
      "--format csv from a file: the same columns, names, order, rounding and empty values.\n"
      "Carried over: line items grouped by order id, placeholder customer ids, e-mails in\n"
      "lower case, statuses (with --status-values, each value the table holds as retain reads\n"
      "it, words and accents too; without, only the vocabulary's whole statuses, with case and\n"
      "_ - spaces folded, and a warning), --include-status, --exclude-status,\n"
      "--cancelled-at, --currency (with --currency-column), --refunded, --net (refunded\n"
      "statuses and full refunds left out, partial refunds subtracted). Not carried over: date\n"
      "layouts and decimal marks (the table's column types decide: dates as DATE or TIMESTAMP,\n"
      "money as DECIMAL), orders given twice, guest e-mails, refund rows.\n"
      "--group-by: metrics and cohorts. An order column needs --amount-per unless its name or\n"
      "--header-from's layout says what it holds. Runs on DuckDB, ClickHouse, PostgreSQL and\n"
      "MariaDB in the tests; BigQuery, Snowflake, Spark SQL and Trino are parse-checked only.";
  sql->footer(footer);
  auto command = [&, footer](const char* name, const char* help, sql_report report) {
    auto flags = std::make_shared<sql_flags>();
    CLI::App* sub = sql->add_subcommand(name, help);
    sub->footer(footer);
    add_name_flag(*sub, "--dialect", flags->request.dialect, kSqlDialectNames, "SQL dialect: {}");
    sub->get_option("--dialect")->required();
    sub->add_option("--table", flags->request.table,
                    "The orders table, or any table expression, inserted as written: shop.orders, "
                    "read_csv('orders.csv'), file('orders.csv')")
        ->required();
    sub->add_option("--header-from", flags->header_from,
                    "A sample export whose header names the columns, read by the same detection "
                    "as every subcommand (default: the column flags name them)");
    add_column_flags(*sub, flags->input.load.columns);
    add_order_policy_flags(*sub, flags->input);
    sub->add_option("--status-values", flags->status_values,
                    "The table's statuses, one per line or the CSV output of SELECT DISTINCT on the "
                    "status column (- for standard input): each is matched exactly with the meaning "
                    "retain gives it; a status not listed is counted as one retain does not know (left "
                    "out with --include-status)");
    sub->add_option("-o,--output", flags->output, "Write the query to this file");
    switch (report) {
      case sql_report::metrics:
        add_group_flag(*sub, flags->input);
        add_window_flags(*sub, flags->window);
        add_partial_flag(*sub, flags->window.partial);
        break;
      case sql_report::cohorts:
        add_group_flag(*sub, flags->input);
        add_cohort_flags(*sub, flags->request.cohorts);
        add_span_flags(*sub, flags->window);
        break;
      case sql_report::customers:
        add_as_of_flags(*sub, flags->as_of, flags->window);
        add_listing_flags(*sub, flags->request.listing, flags->top);
        break;
    }
    sub->callback([flags, report, command_line] { run_sql(*flags, report, command_line); });
  };
  command("metrics", "The query of retain metrics --format csv", sql_report::metrics);
  command("cohorts", "The query of retain cohorts --format csv (long form)", sql_report::cohorts);
  command("customers", "The query of retain customers --format csv", sql_report::customers);
}

}  // namespace retain
