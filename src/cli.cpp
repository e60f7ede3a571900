#include "retain/cli.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "retain/display.h"
#include "retain/error.h"
#include "retain/generate.h"
#include "retain/output.h"
#include "retain/statuses.h"
#include "retain/suggest.h"

namespace retain {
namespace {

constexpr const char* kVersion = "retain " RETAIN_VERSION;

// The flags of `command` as written: --window, -w, ...
std::vector<std::string> flag_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    for (const std::string& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

// "; did you mean --window?" for each unexpected argument of CLI11's ExtrasError message ("The
// following argument was not expected: --windw") that is a flag near one of `command`'s.
std::string flag_suggestions(const std::string& message, const CLI::App& command) {
  const std::size_t colon = message.find(": ");
  if (colon == std::string::npos) return {};
  const std::vector<std::string> names = flag_names(command);
  std::vector<std::string> words;
  std::size_t start = colon + 2;
  while (start < message.size()) {
    const std::size_t end = std::min(message.find(' ', start), message.size());
    words.push_back(message.substr(start, end - start));
    start = end + 1;
  }
  std::string out;
  for (const std::string& word : words) {
    if (word.size() < 2 || word[0] != '-') continue;
    const std::string flag = word.substr(0, word.find('='));  // --windw=week
    if (const std::optional<std::string> near = nearest_name(flag, names)) {
      // One argument: "; did you mean --window?"; several: "; --windw: did you mean ...".
      out += words.size() == 1 ? fmt::format("; did you mean {}?", *near)
                               : fmt::format("; {}: did you mean {}?", flag, *near);
    }
  }
  return out;
}

// A comma-separated list of statuses, each folded as the vocabulary folds them.
std::vector<std::string> split_statuses(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = std::min(text.find(',', start), text.size());
    std::string item = fold_status(text.substr(start, comma - start));
    if (!item.empty()) items.push_back(item);
    start = comma + 1;
  }
  return items;
}

char parse_delimiter(const std::string& text) {
  if (text.empty() || text == "auto") return 0;
  if (text == "," || text == ";" || text == "|") return text[0];
  if (text == "\\t" || text == "\t" || text == "tab") return '\t';
  throw usage_error(fmt::format("--delimiter \"{}\" is not one of , ; tab |", text));
}

// --currency: a 3-letter code (any case), or a sign that names no single currency ($, ¥, kr),
// as amounts write them.
std::string parse_currency(const std::string& text) {
  std::string code = text;
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const bool letters = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
                         return c >= 'A' && c <= 'Z';
                       });
  if (letters) return code;
  if (text == "$" || text == "¥" || text == "kr") return text;
  throw usage_error(fmt::format(
      "--currency \"{}\" is not a 3-letter currency code such as USD or EUR (or $, ¥, kr)", text));
}

}  // namespace

void add_name_flag(CLI::App& command, const std::string& flag, std::string help,
                   const std::string& names, std::string_view default_name,
                   std::function<bool(std::string_view)> set) {
  help.replace(help.find("{}"), 2, names);
  // The error names the long flag, "--window" of "-w,--window".
  const std::string long_flag = flag.substr(flag.rfind(',') + 1);
  std::string type_name = long_flag.substr(long_flag.find_first_not_of('-'));
  for (char& c : type_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CLI::Option* option = command.add_option_function<std::string>(
      flag,
      [long_flag, names, set = std::move(set)](const std::string& text) {
        if (!set(text)) {
          throw CLI::ValidationError(fmt::format("{} \"{}\" is not {}", long_flag, text, names));
        }
      },
      help);
  option->type_name(type_name);
  if (!default_name.empty()) option->default_str(std::string(default_name));
}

day_t parse_flag_date(const std::string& flag, const std::string& text) {
  date_result date = date_parser().parse(text);
  if (date.problem != nullptr || text.size() != 10) {
    throw usage_error(fmt::format("{} \"{}\" is not a date (YYYY-MM-DD)", flag, text));
  }
  return date.day;
}

void add_column_flags(CLI::App& command, column_names& columns) {
  const char* group = "Columns (detected from the header unless given)";
  auto column = [&](role r, const std::string& flag, const std::string& what) {
    command.add_option(flag, columns[static_cast<std::size_t>(r)], what)->group(group);
  };
  column(role::customer, "--customer", "Customer id or e-mail column");
  column(role::date, "--date", "Order date column");
  column(role::amount, "--amount",
         "Order amount column (what the customer paid), or columns to add: \"A+B+C\"");
  column(role::order, "--order", "Order id column: rows sharing an id are one order");
  column(role::status, "--status", "Order status column");
  column(role::quantity, "--quantity", "Line-item quantity column (amount = quantity x price)");
  column(role::price, "--price", "Line-item unit price column");
  column(role::currency, "--currency-column", "Currency code column");
  column(role::cancelled_at, "--cancelled-at", "Cancellation time column (non-empty = cancelled)");
  column(role::email, "--email", "Guest e-mail column, used where the customer id is blank or 0");
  column(role::refunded, "--refunded", "Refunded amount column");
  column(role::refund_of, "--refund-of",
         "Column of the order a refund row refers to (PayPal's Reference Txn ID)");
  column(role::kind, "--kind",
         "Transaction type column: only payments received are purchases (PayPal's Type)");
}

void add_order_policy_flags(CLI::App& command, input_flags& flags) {
  add_name_flag(command, "--amount-per", flags.load.amount_per, kAmountKindNames,
                "What the amount column holds where an order has several rows: {}, that is the "
                "order's total (taken once) or each row's part (added up); default: the layout, "
                "the column's name and the rows decide");
  command.add_option("--currency", flags.load.currency,
                     "Count only orders in this currency, a 3-letter code (needed when the input "
                     "mixes several)");
  command.add_option("--include-status", flags.include_statuses,
                     "Count only orders with one of these statuses (comma-separated; case, "
                     "accents and _ - spaces do not matter)");
  command.add_option("--exclude-status", flags.exclude_statuses,
                     "More statuses that are not purchases (comma-separated), besides those the "
                     "vocabulary knows (cancelled, failed, declined, pending, ...)");
  command.add_flag("--net", flags.load.net,
                   "Revenue net of refunds: refunded amounts subtracted, orders refunded in full "
                   "left out (default: gross, with the refunded money it holds in the summary)");
}

void read_order_policy_flags(input_flags& flags) {
  flags.load.include_statuses = split_statuses(flags.include_statuses);
  flags.load.exclude_statuses = split_statuses(flags.exclude_statuses);
  if (!flags.load.currency.empty()) flags.load.currency = parse_currency(flags.load.currency);
}

void add_input_flags(CLI::App& command, input_flags& flags) {
  command.add_option("files", flags.load.paths,
                     "Order exports (CSV with a header row; gzip or zstd too), read as one data "
                     "set; - reads standard input, as does no file when input is piped in");
  command.add_option("--delimiter", flags.delimiter,
                     "Field separator: , ; tab or | (default: the one the header line uses)");
  add_column_flags(command, flags.load.columns);
  command.add_option("--date-format", flags.load.date_format,
                     "strptime layout of the dates, e.g. \"%m/%d/%Y %H:%M\" (default: decided "
                     "from the first rows; a day/month order they leave open is an error)");
  command.add_flag_callback(
      "--decimal-comma", [&flags] { flags.load.decimal_mark = ','; },
      "Amounts are written 1.234,50 (default: decided from the first rows)");
  command.add_flag_callback(
      "--decimal-point", [&flags] { flags.load.decimal_mark = '.'; },
      "Amounts are written 1,234.50 (default: decided from the first rows)");
  add_order_policy_flags(command, flags);
  command.add_option("--max-bad-rows", flags.max_bad_rows,
                     "Rows that cannot be read (a date, amount or field that does not parse) "
                     "that a run skips before it fails: a count or a share such as 0.5%")
      ->capture_default_str();
  flags.load.threads = std::max(1u, std::thread::hardware_concurrency());
  command.add_option("-j,--threads", flags.load.threads,
                     "Threads that parse the input (default: one per core; --strict uses one)")
      ->check(CLI::Range(1u, 256u));
  command.add_flag("--strict", flags.load.strict,
                   "Stop at the first bad row (default: skip it, count it and show it)");
  command.add_flag(
      "-v,--verbose", flags.verbose,
      "The summary on stderr (rows read, columns chosen, orders left out) even when stderr is "
      "not a terminal (default: only on a terminal; warnings always)");
  // Not CLI11's excludes(): it would print "Excludes: --quiet" into the help's flag column.
  command.add_flag("-q,--quiet", flags.quiet, "Nothing on stderr but errors: no summary, no warnings");
}

bool shows_summary(const input_flags& flags) {
  return !flags.quiet && (flags.verbose || ::isatty(STDERR_FILENO) == 1);
}

loaded_orders load_with_flags(input_flags& flags) {
  if (flags.verbose && flags.quiet) throw usage_error("--verbose and --quiet exclude each other");
  if (flags.load.paths.empty()) {
    // No file: what is piped in; a person at a terminal is told how to give the orders.
    if (::isatty(STDIN_FILENO)) {
      throw usage_error(
          "no order export given: name the files (retain metrics orders.csv) or pipe one in "
          "(cat orders.csv | retain metrics)");
    }
    flags.load.paths = {"-"};
  }
  flags.load.delimiter = parse_delimiter(flags.delimiter);
  read_order_policy_flags(flags);
  std::optional<bad_row_budget> budget = bad_row_budget::parse(flags.max_bad_rows);
  if (!budget) {
    throw usage_error(fmt::format(
        "--max-bad-rows \"{}\" is not a count of rows or a share such as 1% or 0.5%",
        flags.max_bad_rows));
  }
  flags.load.max_bad_rows = *budget;
  // A progress bar only for a person watching: stderr a terminal, not --quiet, not in CI.
  flags.load.progress = !flags.quiet && ::isatty(STDERR_FILENO) && std::getenv("CI") == nullptr;
  loaded_orders loaded = load_orders(flags.load);
  // The summary for a person watching (or --verbose); warnings need a look, so a cron job, which
  // mails what it prints, gets them unless --quiet.
  if (shows_summary(flags)) {
    std::fputs(terminal_lines(render_summary(loaded.report)).c_str(), stderr);
  } else if (!flags.quiet) {
    std::fputs(terminal_lines(render_warnings(loaded.report)).c_str(), stderr);
  }
  if (loaded.book.orders.empty()) {
    std::uint64_t left_out = 0;
    for (const auto& reason : loaded.report.left_out) left_out += reason.second;
    throw error(fmt::format("no orders to count (rows read: {}, orders left out: {}, bad rows: {})",
                            loaded.report.rows, left_out, loaded.report.bad_rows));
  }
  return loaded;
}

void add_group_flag(CLI::App& command, input_flags& flags) {
  command
      .add_option("-g,--group-by", flags.load.columns[static_cast<std::size_t>(role::group)],
                  "Analyse each value of this column apart: country, source, channel, ...")
      ->group("Columns (detected from the header unless given)");
}

void add_span_flags(CLI::App& command, window_flags& flags, const std::string& to_help) {
  command.add_option("--from", flags.from, "First day counted, YYYY-MM-DD (default: first order)");
  command.add_option("--to", flags.to, to_help);
}

void add_window_flags(CLI::App& command, window_flags& flags) {
  add_name_flag(command, "-w,--window", flags.window, kWindowKindNames,
                "Window: {} (weeks: ISO 8601, Monday first)");
  add_span_flags(command, flags);
}

void require_orders_within(const order_book& book, const window_options& span) {
  if (book.orders.empty()) return;  // load_with_flags has said so
  const day_t from = span.from.value_or(std::numeric_limits<day_t>::min());
  const day_t to = span.to.value_or(std::numeric_limits<day_t>::max());
  const bool any = std::any_of(book.orders.begin(), book.orders.end(),
                               [&](const order& o) { return o.day >= from && o.day <= to; });
  if (any) return;
  auto [first, last] =
      std::minmax_element(book.orders.begin(), book.orders.end(),
                          [](const order& a, const order& b) { return a.day < b.day; });
  const std::string within = span.from && span.to
                                 ? fmt::format("from {} to {}", iso_date(from), iso_date(to))
                             : span.from ? fmt::format("from {} on", iso_date(from))
                                         : fmt::format("up to {}", iso_date(to));
  throw error(fmt::format("no orders {}: the orders run from {} to {}", within,
                          iso_date(first->day), iso_date(last->day)));
}

window_options to_window_options(const window_flags& flags) {
  window_options options;
  options.kind = flags.window;
  options.partial = flags.partial;
  if (!flags.from.empty()) options.from = parse_flag_date("--from", flags.from);
  if (!flags.to.empty()) options.to = parse_flag_date("--to", flags.to);
  if (options.from && options.to && *options.from > *options.to) {
    throw usage_error(fmt::format("--from {} is after --to {}", flags.from, flags.to));
  }
  return options;
}

void refuse_input_as_output(const CLI::App& command, const std::string& output) {
  struct stat out {};
  if (output.empty() || output == "-" || ::stat(output.c_str(), &out) != 0) return;
  const CLI::Option* files = command.get_option_no_throw("files");
  if (files == nullptr) return;
  for (const std::string& input : files->results()) {
    struct stat in {};
    if (input != "-" && ::stat(input.c_str(), &in) == 0 && in.st_dev == out.st_dev &&
        in.st_ino == out.st_ino) {
      throw usage_error(fmt::format("--output {} is the input {}: the report would replace it",
                                    output, input));
    }
  }
}

void refuse_binary_to_terminal(output_format format, const std::string& output) {
  const bool to_stdout = output.empty() || output == "-";
  if (format == output_format::xlsx && to_stdout && ::isatty(STDOUT_FILENO) == 1) {
    throw usage_error(
        "an xlsx workbook is not for a terminal: give --output FILE.xlsx or redirect standard "
        "output to a file");
  }
}

void add_output_flags(CLI::App& command, output_flags& flags) {
  add_name_flag(command, "-f,--format", flags.format, kOutputFormatNames,
                "Output: {} (default: from --output's extension .csv .tsv .json .md .xlsx, else "
                "table; xlsx never to a terminal)");
  command.add_option("-o,--output", flags.output,
                     "Write to this file (replaced only when the whole report is written)");
  command.add_option(
      "--columns", flags.columns,
      "Columns to show, in this order: names of the CSV header, comma-separated "
      "(default: all; the table leaves out a few, and on a terminal those that do not "
      "fit)");
  // Without --format, -o q1.csv writes CSV; a --format that the name contradicts is kept, with a
  // warning.
  command.parse_complete_callback([&command, &flags] {
    const CLI::Option* quiet = command.get_option_no_throw("--quiet");
    flags.quiet = quiet != nullptr && quiet->count() > 0;
    refuse_input_as_output(command, flags.output);
    const std::optional<output_format> named = format_of_path(flags.output);
    if (named && command.count("--format") == 0) {
      flags.format = *named;
    } else if (named && *named != flags.format && !flags.quiet) {
      std::fputs(terminal_lines(fmt::format("retain: warning: writing {} to {}, whose name says {}\n",
                                            name_of(kOutputFormatNames, flags.format), flags.output,
                                            name_of(kOutputFormatNames, *named)))
                     .c_str(),
                 stderr);
    }
    refuse_binary_to_terminal(flags.format, flags.output);
  });
}

namespace {

// Fits the terminal table to the terminal on standard output: only the table format written
// there, never piped output, --output or --columns. Columns that do not fit are hidden, and
// named once on stderr by hint().
class terminal_fit {
 public:
  explicit terminal_fit(const output_flags& flags) : flags_(flags) {
    const bool to_stdout = flags.output.empty() || flags.output == "-";
    if (flags.format == output_format::table && to_stdout && flags.columns.empty()) {
      size_ = stdout_terminal_size();
    }
  }

  bool active() const { return size_.has_value(); }

  // `columns` with those that do not fit hidden, by the `widths` column_widths measured.
  std::vector<column> fit(std::vector<column> columns, const std::vector<std::size_t>& widths) {
    // One cell to spare for the mark of a partial window (render_windows).
    const std::size_t width = size_->columns > 1 ? size_->columns - 1 : 1;
    const std::vector<std::size_t> kept = fitting_columns(columns, widths, width);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (!columns[c].on_terminal || std::find(kept.begin(), kept.end(), c) != kept.end()) continue;
      columns[c].on_terminal = false;
      if (std::find(dropped_.begin(), dropped_.end(), columns[c].name) == dropped_.end()) {
        dropped_.push_back(columns[c].name);
      }
    }
    return columns;
  }

  // The table with the columns that fit, and with fit_rows the latest rows that fit.
  table fit(table t) {
    if (!active() || (flags_.one_row_listing && t.rows.size() == 1)) return t;
    // The heading, the title or a footnote, the shell's prompt: 4 lines that are not rows.
    constexpr std::size_t kOtherLines = 4;
    if (flags_.fit_rows && size_->rows > kOtherLines && t.rows.size() > size_->rows - kOtherLines) {
      const std::size_t cut = t.rows.size() - (size_->rows - kOtherLines);
      rows_cut_ = std::max(rows_cut_, cut);
      t.rows.erase(t.rows.begin(), t.rows.begin() + static_cast<std::ptrdiff_t>(cut));
    }
    column_widths widths(t.columns);
    for (const std::vector<value>& row : t.rows) widths.add(row);
    t.columns = fit(t.columns, widths.widths());
    return t;
  }

  // One line on stderr naming what was left out, unless --quiet.
  void hint() const {
    if (flags_.quiet || (dropped_.empty() && rows_cut_ == 0)) return;
    std::vector<std::string> parts;
    if (rows_cut_ > 0) parts.push_back(fmt::format("the first {}", plural(rows_cut_, "row")));
    if (!dropped_.empty()) parts.push_back(fmt::format("{}", fmt::join(dropped_, ", ")));
    std::fputs(
        terminal_lines(fmt::format("retain: not shown, to fit the terminal's {} columns: {} ({})\n",
                                   size_->columns, fmt::join(parts, "; "), flags_.fit_hint))
            .c_str(),
        stderr);
  }

 private:
  const output_flags& flags_;
  std::optional<terminal_size> size_;
  std::vector<std::string> dropped_;
  std::size_t rows_cut_ = 0;
};

}  // namespace

void emit_rows(const std::vector<column>& columns, std::size_t count, const row_maker& make,
               const output_flags& flags) {
  const column_choice choice = choose_columns(columns, flags.columns);
  std::vector<value> full;
  auto chosen = [&](std::size_t i, std::vector<value>& row) -> const std::vector<value>& {
    chosen_values(choice, make(i, full), row);
    return row;
  };
  terminal_fit fit(flags);
  std::vector<column> shown = choice.columns;
  if (fit.active()) {
    // A first pass to measure: a terminal shows what a person reads, not millions of rows.
    column_widths widths(choice.columns);
    std::vector<value> row;
    for (std::size_t i = 0; i < count; ++i) widths.add(chosen(i, row));
    shown = fit.fit(choice.columns, widths.widths());
  }
  report_output out(flags.output);
  write_rows(flags.format, shown, count, chosen, out);
  out.commit();
  fit.hint();
}

void emit_by_group(order_book book, const input_flags& input, const output_flags& output,
                   const analysis& analyse, const drawing& draw) {
  const output_format format = output.format;
  const std::string& column = input.load.columns[static_cast<std::size_t>(role::group)];
  const bool for_reader = format == output_format::table || format == output_format::markdown;
  auto draw_table = [&](const table& t) { return draw ? draw(t, format) : render(t, format); };
  terminal_fit fit(output);
  auto chosen = [&](const order_book& part) {
    return fit.fit(chosen_table(analyse(part), output.columns));
  };
  if (column.empty()) {
    const table t = chosen(book);
    write_output(for_reader ? draw_table(t) : render(t, format), output.output);
    fit.hint();
    return;
  }
  std::vector<group_table> groups;
  for (group_book& part : split_by_group(std::move(book))) {
    groups.push_back({part.group, chosen(part.book)});
  }
  write_output(for_reader ? render_blocks(groups, column, format, draw_table)
                          : render(join_groups(groups), format),
               output.output);
  fit.hint();
}

windowed_flags& add_windowed_analysis(CLI::App& command, window_kind default_window,
                                      windowed_analysis analyse, drawing draw) {
  auto flags = std::make_shared<windowed_flags>();
  flags->window.window = default_window;
  add_input_flags(command, flags->input);
  add_group_flag(command, flags->input);
  add_window_flags(command, flags->window);
  add_output_flags(command, flags->output);
  command.callback([flags, analyse = std::move(analyse), draw = std::move(draw)] {
    const window_options given = to_window_options(flags->window);
    loaded_orders loaded = load_with_flags(flags->input);
    require_orders_within(loaded.book, given);
    const window_options windows = spanning(loaded.book, given);
    emit_by_group(
        std::move(loaded.book), flags->input, flags->output,
        [&](const order_book& book) { return analyse(book, windows, flags->input.load.threads); },
        draw);
  });
  return *flags;
}

std::string shell_words(int argc, char** argv) {
  std::string line = "retain";
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    const bool plain = !word.empty() && word.find_first_not_of(
                                            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                            "0123456789_-./=:,@%+") == std::string_view::npos;
    line += ' ';
    if (plain) {
      line += word;
      continue;
    }
    line += '\'';
    for (char c : word) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

int run_cli(int argc, char** argv) {
  CLI::App app("retain: customer-retention metrics from e-commerce order exports.", "retain");
  app.set_version_flag("-V,--version", kVersion);
  app.require_subcommand(0, 1);
  app.footer("Without a subcommand, 'retain FILE...' runs 'retain metrics FILE...'.\n"
             "Exit codes: 0 success, 1 input or data error, 2 usage error.");
  add_metrics_command(app);
  add_cohorts_command(app);
  add_customers_command(app);
  add_summary_command(app);
  add_predict_command(app);
  add_report_command(app, shell_words(argc, argv));
  add_sql_command(app, shell_words(argc, argv));
  std::optional<generated> generate_what;
  add_name_flag(app, "--generate", "Write the man page or a shell's completions to stdout: {}",
                names_list(kGeneratedNames), {}, [&generate_what](std::string_view text) {
                  generate_what = parse_name(kGeneratedNames, text);
                  return generate_what.has_value();
                });

  // No subcommand means metrics: put it in front of the arguments.
  std::vector<std::string> args(argv + 1, argv + argc);
  auto named = [&](const CLI::App* command) { return command->get_name() == args[0]; };
  // `retain help [COMMAND]` is `retain [COMMAND] --help`.
  if (!args.empty() && args[0] == "help") {
    args.erase(args.begin());
    if (args.size() > 1 || (!args.empty() && app.get_subcommands(named).empty())) {
      std::vector<std::string> names;
      for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
      throw usage_error(fmt::format("retain help takes one of {}, not \"{}\"",
                                    fmt::join(names, ", "), fmt::join(args, " ")));
    }
    args.push_back("--help");
  }
  const bool asks_app =
      !args.empty() && (args[0] == "-h" || args[0] == "--help" || args[0] == "-V" ||
                        args[0] == "--version" || args[0].rfind("--generate", 0) == 0);
  // `retain metrcs orders.csv` would read "metrcs" as a file: a word that is no file but is
  // near a subcommand's name is taken for a misspelt one.
  if (!args.empty() && !asks_app && args[0][0] != '-' && app.get_subcommands(named).empty()) {
    struct stat file {};
    std::vector<std::string> names = {"help"};
    for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
    const std::optional<std::string> near = nearest_name(args[0], names);
    if (near && ::stat(args[0].c_str(), &file) != 0) {
      throw usage_error(fmt::format(
          "\"{}\" is neither a subcommand nor a file: did you mean {}? (see retain --help)",
          args[0], *near));
    }
  }
  const bool piped = args.empty() && !::isatty(STDIN_FILENO);  // cat orders.csv | retain
  if (piped || (!args.empty() && !asks_app && app.get_subcommands(named).empty())) {
    args.insert(args.begin(), "metrics");
  }
  const std::string chosen = args.empty() ? std::string() : args[0];
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last first
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e);
      return kExitOk;
    }
    std::string message = e.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
      auto is_chosen = [&](const CLI::App* command) { return command->get_name() == chosen; };
      const std::vector<CLI::App*> commands = app.get_subcommands(is_chosen);
      const CLI::App* command = commands.empty() ? &app : commands.front();
      message += flag_suggestions(message, *command);
    }
    throw usage_error(message + " (see retain --help)");
  }
  if (generate_what) {
    write_output(generate(*generate_what, app, RETAIN_VERSION), "");
    return kExitOk;
  }
  if (app.get_subcommands().empty()) {
    std::fputs(app.help().c_str(), stdout);
    return kExitUsageError;
  }
  return kExitOk;
}

}  // namespace retain
