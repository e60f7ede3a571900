// retain cohorts: what each acquisition cohort did in its first window and every window after.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <memory>
#include <string_view>

#include "retain/cli.h"
#include "retain/cohorts.h"
#include "retain/error.h"
#include "retain/output.h"

namespace retain {
namespace {

// When the table is a heat map (--color).
enum class color_when { automatic, always, never };
constexpr named<color_when> kColorWhenNames[] = {
    {"auto", color_when::automatic}, {"always", color_when::always}, {"never", color_when::never}};

struct cohorts_flags {
  input_flags input;
  output_flags output;
  cohort_options cohorts;  // --window, --metric, --cumulative
  window_flags span;       // --from, --to
  bool wide = false;
  color_when color = color_when::automatic;
};

// --color auto: only a terminal on standard output gets colour, and not when NO_COLOR is set
// (no-color.org) or the terminal is TERM=dumb.
bool use_color(const cohorts_flags& flags) {
  if (flags.color != color_when::automatic) return flags.color == color_when::always;
  const bool to_stdout = flags.output.output.empty() || flags.output.output == "-";
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  const bool dumb = term != nullptr && std::string_view(term) == "dumb";
  return to_stdout && ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0') &&
         !dumb;
}

// Throws retain::error when no customer of the book is first seen within --from/--to: the
// cohort table would be empty.
void require_first_orders_within(const order_book& book, const window_options& span) {
  require_orders_within(book, span);
  const day_t from = span.from.value_or(std::numeric_limits<day_t>::min());
  const day_t to = span.to.value_or(std::numeric_limits<day_t>::max());
  const order_list& orders = book.orders;
  for (std::size_t i = 0; i < orders.size(); ++i) {
    const bool first = i == 0 || orders[i - 1].customer != orders[i].customer;
    if (first && orders[i].day >= from && orders[i].day <= to) return;
  }
  // Orders within, none of them a first: --from is given and every such customer came earlier.
  throw error(fmt::format(
      "no cohorts from {}{}: the customers who ordered then were first seen before it",
      iso_date(*span.from), span.to ? fmt::format(" to {}", iso_date(*span.to)) : std::string()));
}

// The heat map shades the wide table's heat columns: the periods after the cohort's own (p1, p2,
// ...), so that period 0, which is every customer of the cohort, does not set the scale.
std::vector<std::size_t> later_periods(const table& wide) {
  std::vector<std::size_t> columns;
  for (std::size_t c = 0; c < wide.columns.size(); ++c) {
    if (wide.columns[c].heat) columns.push_back(c);
  }
  return columns;
}

}  // namespace

void add_cohort_flags(CLI::App& command, cohort_options& options) {
  add_name_flag(command, "-w,--window", options.kind,
                pick_names(kWindowKindNames, {window_kind::week, window_kind::month,
                                              window_kind::quarter, window_kind::year}),
                "Window of cohorts and periods: {} (weeks: ISO 8601, Monday first)");
  add_name_flag(command, "-m,--metric", options.metric, kCohortMetricNames, "Cell value: {}");
  command.add_flag("--cumulative", options.cumulative,
                   "Count customers from their first return on; sum orders and revenue so far");
  add_name_flag(command, "--partial", options.partial, kPartialPolicyNames,
                "Periods in the window of the last day when it ends after that day: {} (empty: "
                "a few days of a window would look like churn)");
}

void add_cohorts_command(CLI::App& app) {
  auto flags = std::make_shared<cohorts_flags>();
  CLI::App* command = app.add_subcommand(
      "cohorts",
      "Acquisition cohorts: what the customers first seen in each window did in the windows after it");
  command->footer(
      "Acquisition cohorts: customers grouped by the window of their first order (the cohort),\n"
      "and what each cohort did in period 0 (that window), 1, 2, ... (the windows after it).\n"
      "  retention = cohort customers with an order in the period / cohort customers\n"
      "  customers, orders, revenue: of the cohort, in the period\n"
      "  revenue_per_customer = revenue / cohort customers\n"
      "  --cumulative: customers count from their first return (an order in period 1 or later)\n"
      "  on; orders and revenue are running sums.\n"
      "Periods whose window ends after the last day (--to, else the last order's) are empty, not\n"
      "zero: a window the data covers in part would look like churn (--partial include shows\n"
      "the last window's periods from the days it has).\n"
      "CSV, TSV and JSON are long (cohort,period,cohort_customers,value) unless --wide; the table\n"
      "and Markdown are the matrix, on a terminal a heat map of periods 1 and later.\n"
      "Holds one small entry per order and per customer in memory, and one per cohort and period.");
  add_input_flags(*command, flags->input);
  add_group_flag(*command, flags->input);
  add_cohort_flags(*command, flags->cohorts);
  command->add_flag("--wide", flags->wide,
                    "CSV, TSV and JSON as the matrix: cohort,cohort_customers,p0,p1,...");
  add_span_flags(*command, flags->span,
                 "Last day counted, YYYY-MM-DD: later orders are not counted and periods after "
                 "its window are empty (default: last order)");
  add_output_flags(*command, flags->output);
  // On a terminal: the latest cohorts and the first periods that fit.
  flags->output.fit_rows = true;
  flags->output.fit_hint = "--format csv --wide shows them all";
  add_name_flag(*command, "--color", flags->color, kColorWhenNames,
                "Heat-map colours in the table: {} (auto: a terminal on stdout, unless NO_COLOR "
                "is set or TERM is dumb)");
  command->callback([flags] {
    cohort_options options = flags->cohorts;
    const window_options span = to_window_options(flags->span);
    options.from = span.from;
    options.to = span.to;
    loaded_orders loaded = load_with_flags(flags->input);
    require_first_orders_within(loaded.book, span);
    options.last_day = spanning(loaded.book, {}).to;
    const output_format format = flags->output.format;
    const bool matrix =
        flags->wide || format == output_format::table || format == output_format::markdown;
    const bool heat_map = format == output_format::table && use_color(*flags);
    emit_by_group(
        std::move(loaded.book), flags->input, flags->output,
        [&](const order_book& book) {
          cohort_table cohorts = compute_cohorts(book, options);
          return matrix ? cohort_wide_table(cohorts) : cohort_long_table(cohorts);
        },
        [&](const table& t, output_format) {
          if (format != output_format::table) return render(t, format);
          // A title saying what the cells are: "retention by month cohort and period".
          return fmt::format("{}{} by {} cohort and period\n",
                             options.cumulative ? "cumulative " : "",
                             name_of(kCohortMetricNames, options.metric),
                             name_of(kWindowKindNames, options.kind)) +
                 (heat_map ? render_heat_map(t, later_periods(t)) : render(t, format));
        });
  });
}

}  // namespace retain
