// The command line: flags to options to a run of one subcommand. The flags that several
// subcommands share are declared once here and added to each subcommand by these functions.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "retain/cohorts.h"
#include "retain/customers.h"
#include "retain/format.h"
#include "retain/loader.h"
#include "retain/metrics.h"
#include "retain/names.h"
#include "retain/row_sink.h"

namespace CLI {
class App;
}

namespace retain {

/// Runs `retain ARGS...` and returns the exit code; a usage or data problem throws retain::error.
/// Without a subcommand, `retain FILE...` means `retain metrics FILE...`.
int run_cli(int argc, char** argv);

/// The untyped half of add_name_flag below: `set` takes a value as given and says whether it was
/// a name; `names` is the list that help and the error show, `default_name` the default shown
/// (none if empty).
void add_name_flag(CLI::App& command, const std::string& flag, std::string help,
                   const std::string& names, std::string_view default_name,
                   std::function<bool(std::string_view)> set);

/// Adds a flag (e.g. "-w,--window") whose values are the names of `table` (names.h), in any case,
/// and sets `field` to the value named. `help` has "{}" where the list of names goes; the name of
/// the field's value, if it has one, is the default shown. A value that is not a name is a usage
/// error: `--window "fortnight" is not day, week, month, quarter, year or all`.
template <typename Table>
void add_name_flag(CLI::App& command, const std::string& flag, named_value_t<Table>& field,
                   const Table& table, std::string help) {
  add_name_flag(command, flag, std::move(help), names_list(table), name_of(table, field),
                [&field, table](std::string_view text) {
                  const auto parsed = parse_name(table, text);
                  if (parsed) field = *parsed;
                  return parsed.has_value();
                });
}

/// Input files, column choices and the row policy (the loader's options).
struct input_flags {
  load_options load;
  std::string delimiter;  ///< empty: sniffed from the header
  std::string include_statuses;
  std::string exclude_statuses;
  std::string max_bad_rows = "1%";
  bool quiet = false;    ///< --quiet: nothing on stderr but errors
  bool verbose = false;  ///< --verbose: the summary on stderr even when it is not a terminal
};
/// The input flags, --amount-per setting `flags.load.amount_per`.
void add_input_flags(CLI::App& command, input_flags& flags);
/// The column flags alone (--customer, --date, ...), each setting its role's name in `columns`.
void add_column_flags(CLI::App& command, column_names& columns);
/// What counts as an order, alone: --amount-per, --currency, --include-status, --exclude-status
/// and --net.
void add_order_policy_flags(CLI::App& command, input_flags& flags);
/// Reads those flags' text into `flags.load`: the status lists folded, --currency checked (a
/// usage error otherwise).
void read_order_policy_flags(input_flags& flags);
/// Whether the summary goes to stderr: a terminal or --verbose, never with --quiet.
bool shows_summary(const input_flags& flags);
/// Loads the orders and prints the summary to stderr when shows_summary, else its warnings
/// (none with --quiet).
loaded_orders load_with_flags(input_flags& flags);
/// --group-by COLUMN (for the analyses that compare groups).
void add_group_flag(CLI::App& command, input_flags& flags);

/// A date given in a flag, YYYY-MM-DD; throws a usage error naming the flag otherwise.
day_t parse_flag_date(const std::string& flag, const std::string& text);

/// --window, --from, --to, and --partial where a command adds it.
struct window_flags {
  window_kind window = window_kind::month;
  std::string from;
  std::string to;
  partial_policy partial = partial_policy::empty;
};
/// --from and --to alone (for the analyses with their own --window); `to_help` says what --to
/// is.
void add_span_flags(CLI::App& command, window_flags& flags,
                    const std::string& to_help =
                        "Last day counted, YYYY-MM-DD (default: last order)");
void add_window_flags(CLI::App& command, window_flags& flags);
/// Throws a usage error for a date that is not one, or --from after --to.
window_options to_window_options(const window_flags& flags);

/// Throws retain::error (exit 1) when no order of the book is within --from/--to (`span`'s from
/// and to, either missing): an empty report is an error, as an input without orders is.
void require_orders_within(const order_book& book, const window_options& span);

/// --format, --output and --columns.
struct output_flags {
  output_format format = output_format::table;
  std::string output;
  std::string columns;  ///< --columns: the names to show, comma-separated; empty: all
  bool quiet = false;   ///< --quiet was given: no hint on stderr
  /// The table fitted to a terminal (on stdout, without --output or --columns) keeps the latest
  /// rows that fit its height too (cohorts); default: only the columns that fit its width.
  bool fit_rows = false;
  /// What the stderr hint names to show what fitting left out.
  std::string fit_hint = "--columns chooses the columns shown";
  /// A table of one row is drawn as a listing, a line per column, which is never fitted
  /// (summary); default: no.
  bool one_row_listing = false;
};
void add_output_flags(CLI::App& command, output_flags& flags);
/// Throws a usage error when --output names one of the command's input files: the report would
/// replace the export.
void refuse_input_as_output(const CLI::App& command, const std::string& output);
/// Throws a usage error for a binary format (xlsx) going to standard output that is a terminal.
void refuse_binary_to_terminal(output_format format, const std::string& output);
/// Writes `count` rows made by `make` (see row_sink.h) in the chosen format where --output says,
/// row by row, with the columns --columns chose: the file is replaced only once every row is
/// written.
void emit_rows(const std::vector<column>& columns, std::size_t count, const row_maker& make,
               const output_flags& flags);

/// Runs an analysis on the whole book, or with --group-by on each group's book, and writes the
/// result: one table; with groups, in CSV, TSV and JSON one table with a first column "group",
/// in the terminal table and Markdown one block per group; each table has the columns --columns
/// chose. `draw` renders a table for the terminal table and Markdown (default: as the format
/// does).
using analysis = std::function<table(const order_book&)>;
using drawing = std::function<std::string(const table&, output_format)>;
void emit_by_group(order_book book, const input_flags& input, const output_flags& output,
                   const analysis& analyse, const drawing& draw = {});

/// An analysis per window (metrics, summary): adds the input flags with --group-by, the window
/// flags (`default_window` unless --window) and the output flags to `command`; a run loads the
/// orders and emits `analyse` of each group over the same windows, those of the whole input,
/// with the threads of --threads. Returns the command's flags, for a flag of its own (metrics'
/// --partial) or a setting (summary's listing).
using windowed_analysis =
    std::function<table(const order_book&, const window_options&, unsigned threads)>;
struct windowed_flags {
  input_flags input;
  window_flags window;
  output_flags output;
};
windowed_flags& add_windowed_analysis(CLI::App& command, window_kind default_window,
                                      windowed_analysis analyse, drawing draw = {});

/// metrics' --partial: the retention of a partial last window.
void add_partial_flag(CLI::App& command, partial_policy& partial);
/// cohorts' --window (week to year), --metric, --cumulative and --partial.
void add_cohort_flags(CLI::App& command, cohort_options& options);
/// customers' --as-of, --from and --to, and the options they make (a usage error for a date that
/// is not one, or --from after --as-of or --to).
void add_as_of_flags(CLI::App& command, std::string& as_of, window_flags& span);
customer_options to_customer_options(const std::string& as_of, const window_flags& span);
/// customers' --time-unit, --sort, --reverse and --top (0: all), and the listing they make.
void add_listing_flags(CLI::App& command, listing_options& listing, std::size_t& top);
listing_options to_listing_options(listing_options listing, std::size_t top);

/// Subcommands: each adds itself to the app and runs when chosen.
void add_metrics_command(CLI::App& app);
void add_cohorts_command(CLI::App& app);
void add_customers_command(CLI::App& app);
void add_summary_command(CLI::App& app);
void add_predict_command(CLI::App& app);
/// `command_line`: the command as typed (shell-quoted), which the report shows.
void add_report_command(CLI::App& app, std::string command_line);
/// `command_line` as for report: the query's leading comment holds it.
void add_sql_command(CLI::App& app, std::string command_line);
/// The arguments as one shell command line: words quoted with ' where the shell would read them
/// otherwise.
std::string shell_words(int argc, char** argv);

}  // namespace retain
