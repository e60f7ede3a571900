#include "retain/format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>

#include "retain/display.h"
#include "retain/error.h"
#include "retain/input.h"
#include "retain/row_sink.h"

namespace retain {

std::optional<output_format> format_of_path(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return std::nullopt;
  std::string extension(path.substr(dot + 1));
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == "csv") return output_format::csv;
  if (extension == "tsv") return output_format::tsv;
  if (extension == "json") return output_format::json;
  if (extension == "md" || extension == "markdown") return output_format::markdown;
  if (extension == "xlsx") return output_format::xlsx;
  return std::nullopt;
}
namespace {

struct plain_visitor {
  std::string operator()(std::monostate) const { return {}; }
  std::string operator()(const std::string& s) const { return s; }
  std::string operator()(std::int64_t n) const { return fmt::format_int(n).str(); }
  std::string operator()(decimal d) const { return to_string(d); }
  std::string operator()(bool b) const { return b ? "true" : "false"; }
};

// "1234567.89" -> "1,234,567.89"
std::string group_thousands(const std::string& plain) {
  std::size_t digits_start = plain.front() == '-' ? 1 : 0;
  std::size_t digits_end = std::min(plain.find('.'), plain.size());
  std::string out = plain.substr(0, digits_start);
  for (std::size_t i = digits_start; i < digits_end; ++i) {
    out.push_back(plain[i]);
    std::size_t left = digits_end - i - 1;
    if (left > 0 && left % 3 == 0) out.push_back(',');
  }
  return out + plain.substr(digits_end);
}

bool is_line_break(char c) { return c == '\n' || c == kQuotedNewline; }

// RFC 4180: quoted when the text holds a comma, a quote or a line break; the kQuotedNewline that
// stands for a newline of the input is written as that newline again. Other bytes as they are.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n\x1e") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c == kQuotedNewline ? '\n' : c);
  }
  return out + "\"";
}

// TSV has no quoting: a tab, CR or line break (kQuotedNewline too) is a space. Other bytes as
// they are.
std::string tsv_field(std::string text) {
  std::replace_if(
      text.begin(), text.end(),
      [](char c) { return c == '\t' || c == '\r' || is_line_break(c); }, ' ');
  return text;
}

// A JSON string literal that is valid UTF-8 whatever the bytes: invalid bytes are U+FFFD, a
// kQuotedNewline is the "\n" it stands for, C0 controls, DEL and the C1 controls are escaped.
std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = next_code_point(text, pos);
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n':
      case static_cast<unsigned char>(kQuotedNewline): out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        } else {
          append_utf8(out, cp);
        }
    }
  }
  return out + "\"";
}

// An xlsx cell's text: valid UTF-8 whatever the bytes (invalid bytes as U+FFFD, which a
// spreadsheet would refuse as XML), a kQuotedNewline the newline it stands for.
std::string xlsx_text(const std::string& text) {
  std::string out;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = next_code_point(text, pos);
    append_utf8(out, cp == static_cast<unsigned char>(kQuotedNewline) ? U'\n' : cp);
  }
  return out;
}

// A Markdown table cell: the terminal's text (no control character reaches a terminal that
// shows the file), with '|' and '\' escaped by a backslash (so that no '|' ends the cell) and a
// line break as <br>, the line break GitHub's tables know.
std::string markdown_cell(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool end = i == text.size();
    if (!end && text[i] != '|' && text[i] != '\\' && !is_line_break(text[i]) &&
        !(text[i] == '\r' && i + 1 < text.size() && is_line_break(text[i + 1]))) {
      continue;
    }
    // ASCII bytes never occur inside a UTF-8 sequence: the pieces decode as the whole would.
    out += terminal_text(std::string_view(text).substr(start, i - start));
    if (!end) {
      if (text[i] == '|' || text[i] == '\\') {
        out.push_back('\\');
        out.push_back(text[i]);
      } else if (text[i] != '\r') {
        out += "<br>";
      }
    }
    start = i + 1;
  }
  return out;
}

// Five backgrounds of one hue (256-colour greens), light to dark, each with a readable text
// colour; the row sink ends a shaded cell with the ANSI reset.
constexpr const char* kHeatShades[] = {"\x1b[30;48;5;194m", "\x1b[30;48;5;157m",
                                       "\x1b[30;48;5;114m", "\x1b[97;48;5;71m", "\x1b[97;48;5;28m"};
constexpr wide_t kHeatSteps = std::size(kHeatShades);

}  // namespace

std::optional<wide_t> scaled(const value& v, int places) {
  wide_t units = 0;
  int have = 0;
  if (const std::int64_t* n = std::get_if<std::int64_t>(&v)) {
    units = *n;
  } else if (const decimal* d = std::get_if<decimal>(&v)) {
    units = d->units;
    have = d->places;
  } else {
    return std::nullopt;
  }
  for (; have < places; ++have) units *= 10;
  return units;
}

namespace {

// The colour that starts each cell (by row, then column), or null for a plain cell.
using cell_shades = std::vector<std::vector<const char*>>;

cell_shades heat_shades(const table& t, const std::vector<std::size_t>& shaded) {
  int places = 0;
  for (const auto& row : t.rows) {
    for (std::size_t c : shaded) {
      if (const decimal* d = std::get_if<decimal>(&row[c])) places = std::max(places, d->places);
    }
  }
  std::optional<wide_t> low;
  std::optional<wide_t> high;
  for (const auto& row : t.rows) {
    for (std::size_t c : shaded) {
      if (std::optional<wide_t> v = scaled(row[c], places)) {
        low = low ? std::min(*low, *v) : *v;
        high = high ? std::max(*high, *v) : *v;
      }
    }
  }
  cell_shades shades(t.rows.size(), std::vector<const char*>(t.columns.size(), nullptr));
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    for (std::size_t c : shaded) {
      if (std::optional<wide_t> v = scaled(t.rows[r][c], places)) {
        wide_t step = *high == *low
                          ? kHeatSteps / 2
                          : std::min(kHeatSteps - 1, (*v - *low) * kHeatSteps / (*high - *low));
        shades[r][c] = kHeatShades[static_cast<std::size_t>(step)];
      }
    }
  }
  return shades;
}

// The table written through the row sinks, into a string.
std::string render_shaded(const table& t, output_format format, const cell_shader& shade) {
  string_sink out;
  auto row = [&](std::size_t i, std::vector<value>&) -> const std::vector<value>& {
    return t.rows[i];
  };
  write_rows(format, t.columns, t.rows.size(), row, out, shade);
  return out.text();
}

}  // namespace

std::string plain_text(const value& v) { return std::visit(plain_visitor{}, v); }

std::string human_text(const value& v, column_kind kind) {
  if (std::holds_alternative<std::monostate>(v)) return "-";
  const decimal* d = std::get_if<decimal>(&v);
  if (kind == column_kind::rate && d != nullptr && d->places >= 2) {
    return to_string({d->units, d->places - 2}) + "%";  // 0.2345 -> 23.45%
  }
  std::string plain = plain_text(v);
  if (kind == column_kind::money || kind == column_kind::count) return group_thousands(plain);
  return plain;
}

bool right_aligned(column_kind kind) {
  return kind != column_kind::text && kind != column_kind::date;
}

std::string heading(const column& col) {
  std::string title = col.title.empty() ? col.name : col.title;
  std::replace(title.begin(), title.end(), '_', ' ');
  return title;
}

std::string escape(const std::string& text, output_format format) {
  switch (format) {
    case output_format::csv:
      return csv_field(text);
    case output_format::tsv:
      return tsv_field(text);
    case output_format::json:
      return json_string(text);
    case output_format::markdown:
      return markdown_cell(text);
    case output_format::xlsx:
      return xlsx_text(text);
    case output_format::table:
      break;
  }
  return terminal_text(text);
}

std::string json_value(const value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "null";
  if (const std::string* s = std::get_if<std::string>(&v)) return json_string(*s);
  return plain_text(v);
}

std::string plural(std::uint64_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

std::string render(const table& t, output_format format) {
  return render_shaded(t, format, {});
}

table join_groups(const std::vector<group_table>& groups) {
  table joined;
  joined.columns.push_back({"group", column_kind::text});
  if (!groups.empty()) {
    const auto& columns = groups.front().t.columns;
    joined.columns.insert(joined.columns.end(), columns.begin(), columns.end());
  }
  for (const group_table& g : groups) {
    for (const std::vector<value>& row : g.t.rows) {
      std::vector<value>& joined_row = joined.rows.emplace_back();
      joined_row.reserve(row.size() + 1);
      joined_row.push_back(g.group);
      joined_row.insert(joined_row.end(), row.begin(), row.end());
    }
  }
  return joined;
}

column_choice choose_columns(const std::vector<column>& columns, const std::string& list) {
  column_choice choice;
  if (list.empty()) {
    choice.columns = columns;
    for (std::size_t c = 0; c < columns.size(); ++c) choice.sources.push_back(c);
    return choice;
  }
  auto names = [&] {
    std::vector<std::string_view> all;
    for (const column& c : columns) all.push_back(c.name);
    return fmt::format("{}", fmt::join(all, ", "));
  };
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, comma - start);
    start = comma + 1;
    const auto found = std::find_if(columns.begin(), columns.end(),
                                    [&](const column& c) { return c.name == name; });
    if (found == columns.end()) {
      throw usage_error(
          fmt::format("--columns: \"{}\" is not a column of this report: {}", name, names()));
    }
    const auto index = static_cast<std::size_t>(found - columns.begin());
    if (std::find(choice.sources.begin(), choice.sources.end(), index) != choice.sources.end()) {
      throw usage_error(fmt::format("--columns: \"{}\" is given twice", name));
    }
    choice.sources.push_back(index);
    choice.columns.push_back(*found);
    choice.columns.back().on_terminal = true;  // asked for by name: shown in every format
  }
  return choice;
}

void chosen_values(const column_choice& choice, const std::vector<value>& row,
                   std::vector<value>& out) {
  out.resize(choice.sources.size());
  for (std::size_t c = 0; c < choice.sources.size(); ++c) out[c] = row[choice.sources[c]];
}

table chosen_table(const table& t, const std::string& list) {
  if (list.empty()) return t;
  column_choice choice = choose_columns(t.columns, list);
  table out;
  out.columns = std::move(choice.columns);
  for (const std::vector<value>& row : t.rows) chosen_values(choice, row, out.rows.emplace_back());
  return out;
}

std::string render_windows(const table& t, output_format format, std::string_view note) {
  const auto complete = std::find_if(t.columns.begin(), t.columns.end(),
                                     [](const column& c) { return c.name == "complete"; });
  const auto index = static_cast<std::size_t>(complete - t.columns.begin());
  table marked = t;
  bool partial = false;
  for (std::vector<value>& row : marked.rows) {
    const bool* whole = index < row.size() ? std::get_if<bool>(&row[index]) : nullptr;
    std::string* label = std::get_if<std::string>(&row.front());
    if (whole != nullptr && !*whole && label != nullptr) {
      *label += '*';
      partial = true;
    }
  }
  std::string out = render(marked, format);
  if (partial) {
    // A Markdown line that starts with "* " would be a list item.
    out += fmt::format("{}* {}\n", format == output_format::markdown ? "\\" : "",
                       escape(std::string(note), format));
  }
  return out;
}

std::string render_blocks(const std::vector<group_table>& groups, std::string_view column,
                          output_format format,
                          const std::function<std::string(const table&)>& draw) {
  std::string out;
  for (const group_table& g : groups) {
    const std::string name = g.group.empty() ? "(blank)" : escape(g.group, format);
    out += fmt::format("{}{}: {}\n\n", format == output_format::markdown ? "### " : "",
                       escape(std::string(column), format), name);
    out += draw(g.t);
    out += "\n";
  }
  return out;
}

std::string render_row(const table& t, std::size_t row) {
  std::vector<std::string> labels;
  std::vector<std::string> values;
  std::size_t label_width = 0;
  std::size_t value_width = 0;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const column& col = t.columns[c];
    labels.push_back(terminal_text(col.label.empty() ? heading(col) : col.label));
    values.push_back(terminal_text(human_text(t.rows.at(row)[c], col.kind)));
    label_width = std::max(label_width, display_width(labels.back()));
    value_width = std::max(value_width, display_width(values.back()));
  }
  std::string out;
  for (std::size_t c = 0; c < labels.size(); ++c) {
    out += labels[c];
    out.append(label_width - display_width(labels[c]) + 2 + value_width - display_width(values[c]),
               ' ');
    out += values[c];
    out.push_back('\n');
  }
  return out;
}

std::string render_heat_map(const table& t, const std::vector<std::size_t>& shaded) {
  const cell_shades shades = heat_shades(t, shaded);
  return render_shaded(t, output_format::table,
                       [&](std::size_t row, std::size_t c) { return shades[row][c]; });
}

std::string render_warnings(const load_report& report) {
  std::string out;
  for (const std::string& warning : report.warnings) out += fmt::format("retain: warning: {}\n", warning);
  if (!report.unknown_statuses.empty()) {
    std::uint64_t orders = 0;
    std::string list;
    for (const auto& [status, count] : report.unknown_statuses) {
      orders += count;
      list += fmt::format("{}\"{}\" ({})", list.empty() ? "" : ", ", status, count);
    }
    out += fmt::format(
        "retain: warning: {} with a status retain does not know, counted as purchases: {}; "
        "--exclude-status leaves them out\n",
        plural(orders, "order"), list);
  }
  return out;
}

std::string render_summary(const load_report& report) {
  std::string out;
  for (const std::string& columns : report.columns) out += fmt::format("retain: {}\n", columns);
  for (const std::string& choice : report.choices) out += fmt::format("retain: {}\n", choice);
  out += fmt::format("retain: read {}: {} from {} counted\n", plural(report.rows, "row"),
                     plural(report.orders, "order"), plural(report.customers, "customer"));
  for (const auto& [reason, count] : report.left_out) {
    out += fmt::format("retain: left out {} {}\n", plural(count, "order"), reason);
  }
  const refund_tally& refunds = report.refunds;
  if (refunds.orders > 0) {
    // "12.25 refunded on 2 orders (1 in full, 1 by its status alone)"
    std::string how = fmt::format(
        "{} refunded on {} ({} in full{})", to_string(money(refunds.cents)),
        plural(refunds.orders, "order"), refunds.in_full,
        refunds.status_only > 0 ? fmt::format(", {} by status alone", refunds.status_only)
                                : std::string());
    out += report.net
               ? fmt::format("retain: revenue is net of refunds: {} subtracted\n", how)
               : fmt::format("retain: revenue is gross: it includes {}; --net subtracts refunds\n",
                             how);
  }
  if (refunds.unmatched > 0) {
    const bool one = refunds.unmatched == 1;
    out += fmt::format("retain: {} refund{} or negative row{} ({} in all) belong{} to no counted "
                       "order: {}\n",
                       refunds.unmatched, one ? "" : "s", one ? "" : "s",
                       to_string(money(refunds.unmatched_cents)), one ? "s" : "",
                       report.net ? "nothing to subtract it from" : "revenue does not include it");
  }
  if (report.bad_rows > 0) {
    out += fmt::format("retain: skipped {}:\n", plural(report.bad_rows, "bad row"));
    for (const std::string& message : report.bad_row_messages) {
      out += fmt::format("retain:   {}\n", message);
    }
    if (report.bad_rows > report.bad_row_messages.size()) {
      out += fmt::format("retain:   ... and {} more\n",
                         report.bad_rows - report.bad_row_messages.size());
    }
  }
  return out + render_warnings(report);
}

}  // namespace retain
