// retain summary: one screen of numbers for the whole input, or a row of them per window.
#include <CLI/CLI.hpp>

#include "retain/cli.h"
#include "retain/output.h"
#include "retain/summary.h"

namespace retain {

void add_summary_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "summary",
      "One screen for the whole input (or a row per window): totals, repeat rate, orders and "
      "value per customer, revenue concentration");
  command->footer(
      "Over the orders in each window (default: all of them, within --from/--to):\n"
      "  customers, orders, revenue, aov, repeat_rate, purchase_frequency (the mean orders per\n"
      "  customer) and customer_value (the mean value) as in retain metrics. A customer's\n"
      "  value is their revenue in the window.\n"
      "  one_time_buyer_share = customers with exactly one order / customers\n"
      "  median_orders_per_customer; median_customer_value; p90_customer_value (nearest rank)\n"
      "  median_days_to_second_order: of the window's new customers who ordered again by the\n"
      "  last day counted, days from the first order to the second (0: the same day)\n"
      "  top20pct_revenue_share = revenue of the ceil(20%) customers of largest value / revenue\n"
      "  customer_share_for_80pct_revenue: the fewest customers, largest value first, whose\n"
      "  value reaches 80% of revenue, as a share of customers\n"
      "  complete: false for a partial window (see retain metrics --help), marked * in the\n"
      "  table; its numbers are over the days the data covers.\n"
      "Medians of an even count are the mean of the two middle values. With one window the\n"
      "table is a list of label and value; CSV, TSV, JSON and Markdown have the usual columns.\n"
      "Holds one small entry per order and per customer in memory, and one per customer and\n"
      "window with orders.");
  windowed_flags& flags = add_windowed_analysis(
      *command, window_kind::all,
      [](const order_book& book, const window_options& w, unsigned) {
        return summary_table(compute_summary(book, w));
      },
      // One window reads best as a list.
      [](const table& t, output_format format) {
        return format == output_format::table && t.rows.size() == 1
                   ? render_row(t, 0)
                   : render_windows(t, format, "partial window (the data covers only part of it)");
      });
  flags.output.one_row_listing = true;
}

}  // namespace retain
