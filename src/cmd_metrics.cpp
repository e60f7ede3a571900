// retain metrics: the retention metrics per time window.
#include <CLI/CLI.hpp>

#include "retain/cli.h"

namespace retain {

void add_metrics_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "metrics",
      "Repeat-customer rate, purchase frequency, average order value, customer value and "
      "retention per window");
  command->footer(
      "Definitions:\n"
      "  repeat_rate = customers with more than one order in the window / customers\n"
      "  purchase_frequency = orders / customers;  aov = revenue / orders\n"
      "  customer_value = purchase_frequency x aov (= revenue / customers)\n"
      "  new_customers: first order of the whole input in the window; returning = the rest.\n"
      "  retained_customers: customers of the previous window who ordered again in this one\n"
      "  retention_rate = retained_customers / previous window's customers\n"
      "  churn_rate = 1 - retention_rate as rounded; all three are empty for the first window.\n"
      "  complete: false for a partial window, one that starts before the first day counted\n"
      "  (--from, else the first order's) or ends after the last (--to, else the last order's);\n"
      "  marked * in the table. The three are empty for a partial last window too, unless\n"
      "  --partial include.\n"
      "Rows sharing an order id are one order; an order given twice counts once. Orders whose\n"
      "status is not a purchase (cancelled, failed, declined, pending, ...), with a negative\n"
      "amount or without a customer are left out and counted on stderr; refunded orders\n"
      "count (gross) unless --net. What was assumed goes to stderr; where the data leaves a\n"
      "choice open, the run stops and names the flag. See README \"How exports are read\".\n"
      "An order's date is the date as written (shop-local time); offsets are not applied.\n"
      "Holds one small entry per order and per customer in memory, never the rows.");
  windowed_flags& flags = add_windowed_analysis(
      *command, window_kind::month,
      [](const order_book& book, const window_options& w, unsigned threads) {
        return metrics_table(compute_metrics(book, w, threads));
      },
      [](const table& t, output_format format) {
        return render_windows(t, format,
                              "partial window (the data covers only part of it); see --partial");
      });
  add_partial_flag(*command, flags.window.partial);
}

void add_partial_flag(CLI::App& command, partial_policy& partial) {
  add_name_flag(command, "--partial", partial, kPartialPolicyNames,
                "Retained customers, retention and churn of a partial last window: {} (empty: "
                "a few days of a window would read as churn)");
}

}  // namespace retain
