// The formatter stage: prints a table as an aligned terminal table, CSV, TSV, JSON or Markdown,
// and the loader's summary for stderr.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retain/loader.h"
#include "retain/names.h"
#include "retain/table.h"

namespace retain {

enum class output_format { table, csv, tsv, json, markdown, xlsx };
/// The names of --format (names.h).
inline constexpr named<output_format> kOutputFormatNames[] = {
    {"table", output_format::table},       {"csv", output_format::csv},
    {"tsv", output_format::tsv},           {"json", output_format::json},
    {"markdown", output_format::markdown}, {"xlsx", output_format::xlsx}};
/// The format a file name asks for by its extension (any case): .csv, .tsv, .json, .md
/// (.markdown), .xlsx; nullopt for any other name.
std::optional<output_format> format_of_path(std::string_view path);

/// Cells as every format writes them (the row sinks of row_sink.h write rows of these).
/// A value as the machine formats print it: plain digits with '.', text as it is, undefined "".
std::string plain_text(const value& v);
/// A value as a person reads it in the terminal table and Markdown: rates as percentages, money
/// and counts with thousands separators, undefined "-".
std::string human_text(const value& v, column_kind kind);
/// A column's heading in the terminal table and Markdown: its title, else its name in words.
std::string heading(const column& col);
/// Numbers are right-aligned in the terminal table and Markdown, text left-aligned.
bool right_aligned(column_kind kind);
/// Text as one field of the format, the one escaping of each (README "Escaping"):
/// - CSV: the bytes as they are, quoted where RFC 4180 needs it; a kQuotedNewline (input.h) is
///   the newline it stands for.
/// - TSV (no quoting): tab, CR and line breaks (kQuotedNewline too) as spaces; other bytes as
///   they are.
/// - JSON: a string literal, always valid UTF-8: invalid bytes as U+FFFD, quotes and backslashes
///   escaped, line breaks "\n", the other C0 controls, DEL and C1 controls as \u00XX.
/// - Table: terminal_text() (display.h): no control character ever, line breaks as "␤".
/// - Markdown: as the table, then '|' and '\' escaped with '\' and line breaks as "<br>".
/// - xlsx: a cell's text, always valid UTF-8 (invalid bytes as U+FFFD), line breaks as a newline;
///   libxlsxwriter writes the other control characters as Excel's _xHHHH_ escapes.
std::string escape(const std::string& text, output_format format);
/// A number value as exact units of 10^-places (places at least the value's own); nullopt for
/// text and undefined values. The heat maps place values on a scale with it.
std::optional<wide_t> scaled(const value& v, int places);
/// A value in JSON: a number, a string literal or null.
std::string json_value(const value& v);

/// The whole output, text escaped by escape(). CSV: RFC 4180 quoting, LF line ends, plain
/// numbers with '.', undefined values empty. TSV: the same with tabs. JSON: an array
/// of objects, numbers as numbers, undefined values null. Table and Markdown: rates as
/// percentages, money with thousands separators, undefined values "-".
std::string render(const table& t, output_format format);

/// The terminal table or Markdown of a table of windows with a bool column "complete" (metrics,
/// summary), as render() draws it, but with the label (first column) of each partial window
/// marked "*" (2023-06*) and, when any is, the footnote line "* " + `note` after the table.
std::string render_windows(const table& t, output_format format, std::string_view note);

/// The columns of a report that --columns chose, in its order.
struct column_choice {
  std::vector<column> columns;       ///< the columns chosen, each shown in every format
  std::vector<std::size_t> sources;  ///< for each, its index in the report's columns
};
/// Reads --columns: a comma-separated list of the report's column names (as in the CSV header).
/// An empty list chooses every column as they are (shown on a terminal or not). Throws a usage
/// error for a name that is not a column of the report, or one given twice, listing the names.
column_choice choose_columns(const std::vector<column>& columns, const std::string& list);
/// `row` (a value per report column) with the chosen columns' values, into `out`.
void chosen_values(const column_choice& choice, const std::vector<value>& row,
                   std::vector<value>& out);
/// The table with the chosen columns alone.
table chosen_table(const table& t, const std::string& list);

/// The table of one group of --group-by.
struct group_table {
  std::string group;  ///< the group column's value; "" for orders without one
  table t;
};

/// The groups' tables as one: a first column "group" with each row's group, rows in the order of
/// the groups. The tables must have the same columns.
table join_groups(const std::vector<group_table>& groups);

/// One block per group for a reader: a heading "COLUMN: value" (value "(blank)" for ""; a
/// Markdown heading in Markdown; both escaped for the format), the group's table as `draw` renders it, then a blank line.
std::string render_blocks(const std::vector<group_table>& groups, std::string_view column,
                          output_format format,
                          const std::function<std::string(const table&)>& draw);

/// One row as a listing for a terminal, a line per column (shown on the terminal or not):
/// `label  value`, labels left-aligned, values as in the terminal table (escaped) and
/// right-aligned, aligned in display cells.
std::string render_row(const table& t, std::size_t row);

/// The terminal table as a heat map: each defined cell of the `shaded` columns (indexes into
/// t.columns) gets one of five ANSI 256-colour backgrounds of one hue, light to dark, by where its
/// value lies between the smallest and the largest value of those cells (all equal: the middle
/// shade). Otherwise the same text as render(t, output_format::table). For terminals only.
std::string render_heat_map(const table& t, const std::vector<std::size_t>& shaded);

/// "1 order", "2 orders".
std::string plural(std::uint64_t count, std::string_view noun);

/// The summary printed to stderr: columns used, rows read, orders and customers counted, every
/// reason orders were left out with its count, and the first bad rows.
std::string render_summary(const load_report& report);
/// The summary's warnings alone, for --quiet: what needs a look (repeated orders, unknown statuses).
std::string render_warnings(const load_report& report);

}  // namespace retain
