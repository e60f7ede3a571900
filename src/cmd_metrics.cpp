// retain metrics: the retention metrics per time window.
#include <CLI/CLI.hpp>

#include <memory>

#include "retain/cli.h"

namespace retain {
namespace {

struct metrics_flags {
  input_flags input;
  window_flags window;
  output_flags output;
};

}  // namespace

void add_metrics_command(CLI::App& app) {
  auto flags = std::make_shared<metrics_flags>();
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
      "Rows sharing an order id are one order. Cancelled, voided and failed orders and orders\n"
      "without a customer id are left out and counted on stderr; refunded orders count.\n"
      "An order's date is the date as written (shop-local time); offsets are not applied.\n"
      "Holds one small entry per order and per customer in memory, never the rows.");
  add_input_flags(*command, flags->input);
  add_group_flag(*command, flags->input);
  add_window_flags(*command, flags->window);
  add_output_flags(*command, flags->output);
  command->callback([flags] {
    const window_options given = to_window_options(flags->window);
    loaded_orders loaded = load_with_flags(flags->input);
    const window_options windows = spanning(loaded.book, given);
    emit_by_group(std::move(loaded.book), flags->input, flags->output,
                  [&](const order_book& book) {
                    return metrics_table(compute_metrics(book, windows));
                  });
  });
}

}  // namespace retain
