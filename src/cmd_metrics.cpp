// retain metrics: the four retention metrics per time window.
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

table metrics_table(const std::vector<window_metrics>& windows) {
  table t;
  t.columns = {{"window", column_kind::text},
               {"start", column_kind::text, false},
               {"end", column_kind::text, false},
               {"customers", column_kind::count},
               {"orders", column_kind::count},
               {"revenue", column_kind::money},
               {"repeat_customers", column_kind::count},
               {"repeat_rate", column_kind::rate},
               {"purchase_frequency", column_kind::number},
               {"aov", column_kind::money},
               {"customer_value", column_kind::money},
               {"new_customers", column_kind::count},
               {"returning_customers", column_kind::count}};
  auto optional = [](std::optional<decimal> d) { return d ? value(*d) : value(); };
  auto count = [](std::uint64_t n) { return value(static_cast<std::int64_t>(n)); };
  for (const window_metrics& w : windows) {
    t.rows.push_back({w.label, iso_date(w.start), iso_date(w.end), count(w.customers),
                      count(w.orders), money(w.revenue), count(w.repeat_customers),
                      optional(repeat_rate(w)), optional(purchase_frequency(w)),
                      optional(average_order_value(w)), optional(customer_value(w)),
                      count(w.new_customers), count(w.returning_customers)});
  }
  return t;
}

}  // namespace

void add_metrics_command(CLI::App& app) {
  auto flags = std::make_shared<metrics_flags>();
  CLI::App* command = app.add_subcommand(
      "metrics",
      "Repeat-customer rate, purchase frequency, average order value and customer value per "
      "window.\n"
      "  repeat_rate = customers with more than one order in the window / customers\n"
      "  purchase_frequency = orders / customers;  aov = revenue / orders\n"
      "  customer_value = purchase_frequency x aov (= revenue / customers)\n"
      "  new_customers: first order of the whole input in the window; returning = the rest.\n"
      "Holds one entry per order and per customer in memory.");
  add_input_flags(*command, flags->input);
  add_window_flags(*command, flags->window);
  add_output_flags(*command, flags->output);
  command->callback([flags] {
    window_options windows = to_window_options(flags->window);
    loaded_orders loaded = load_with_flags(flags->input);
    emit(metrics_table(compute_metrics(loaded.book, windows)), flags->output);
  });
}

}  // namespace retain
