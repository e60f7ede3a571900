#include "retain/sql_writer.h"

namespace retain {
namespace {

// 1900-01 as a month number (year * 12 + month - 1): dialect_rules::date_of_month counts from it.
constexpr int kMonth1900 = 1900 * 12;

std::string power(int places) { return "1" + std::string(static_cast<std::size_t>(places), '0'); }

}  // namespace

std::string sql_writer::quote(std::string_view name) const {
  std::string out(1, r_.quote_open);
  for (char c : name) {
    out += c;
    if (c == r_.quote_close) out += c;
  }
  return out + r_.quote_close;
}

std::string sql_writer::literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string sql_writer::list(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(literal(item));
  return fmt::format("({})", fmt::join(quoted, ", "));
}

std::string sql_writer::data_list(const std::vector<std::string>& items) const {
  if (!r_.backslash_escapes) return list(items);
  std::vector<std::string> escaped;
  for (const std::string& item : items) {
    std::string out;
    for (char c : item) out += c == '\\' ? std::string("\\\\") : std::string(1, c);
    escaped.push_back(std::move(out));
  }
  return list(escaped);
}

std::string sql_writer::date(day_t day) const { return f(r_.date_literal, iso_date(day)); }

std::string sql_writer::divide(const std::string& a, const std::string& b) const {
  return f(r_.divide, a, b);
}

std::string sql_writer::modulo(const std::string& a, const std::string& b) const {
  return f(r_.modulo, a, b);
}

std::string sql_writer::text(const std::string& e) const { return f(r_.to_text, e); }

std::string sql_writer::padded(const std::string& e, int width) const {
  return fmt::format("LPAD({}, {}, '0')", text(e), width);
}

std::string sql_writer::concat(const std::vector<std::string>& parts) {
  return fmt::format("CONCAT({})", fmt::join(parts, ", "));
}

std::string sql_writer::window_of(window_kind kind, const std::string& d) const {
  switch (kind) {
    case window_kind::day:
      return f(r_.day_number, d);
    case window_kind::week:
      return divide(f(r_.day_number, d), "7");
    case window_kind::month:
      return fmt::format("({} * 12 + {} - 1)", f(r_.year, d), f(r_.month, d));
    case window_kind::quarter:
      return fmt::format("({} * 4 + {})", f(r_.year, d),
                         divide(fmt::format("{} - 1", f(r_.month, d)), "3"));
    case window_kind::year:
      return f(r_.year, d);
    case window_kind::all:
      break;
  }
  return "0";
}

std::string sql_writer::window_start(window_kind kind, const std::string& n) const {
  switch (kind) {
    case window_kind::day:
      return f(r_.date_of_day, n);
    case window_kind::week:
      return f(r_.date_of_day, fmt::format("7 * {}", n));
    case window_kind::month:
      return f(r_.date_of_month, fmt::format("{} - {}", n, kMonth1900));
    case window_kind::quarter:
      return f(r_.date_of_month, fmt::format("3 * {} - {}", n, kMonth1900));
    case window_kind::year:
    case window_kind::all:
      break;
  }
  return f(r_.date_of_month, fmt::format("12 * {} - {}", n, kMonth1900));
}

std::string sql_writer::window_end(window_kind kind, const std::string& n) const {
  if (kind == window_kind::day) return window_start(kind, n);
  if (kind == window_kind::week) return f(r_.date_of_day, fmt::format("7 * {} + 6", n));
  // The day before the next window's first.
  const std::string next = window_start(kind, fmt::format("({} + 1)", n));
  return f(r_.date_of_day, fmt::format("{} - 1", f(r_.day_number, next)));
}

std::string sql_writer::window_label(window_kind kind, const std::string& n) const {
  switch (kind) {
    case window_kind::day:
      return f(r_.date_text, f(r_.date_of_day, n));
    case window_kind::week: {
      // The ISO year of a week is the year of its Thursday.
      const std::string thursday = fmt::format("(7 * {} + 3)", n);
      const std::string iso_year = f(r_.year, f(r_.date_of_day, thursday));
      const std::string new_year =
          f(r_.day_number, f(r_.date_of_month, fmt::format("12 * {} - {}", iso_year, kMonth1900)));
      const std::string week =
          fmt::format("{} + 1", divide(fmt::format("{} - {}", thursday, new_year), "7"));
      return concat({padded(iso_year, 4), "'-W'", padded(week, 2)});
    }
    case window_kind::month:
      return concat({padded(divide(n, "12"), 4), "'-'",
                     padded(fmt::format("{} + 1", modulo(n, "12")), 2)});
    case window_kind::quarter:
      return concat({padded(divide(n, "4"), 4), "'-Q'", text(fmt::format("{} + 1", modulo(n, "4")))});
    case window_kind::year:
      return padded(n, 4);
    case window_kind::all:
      break;
  }
  return "'all'";
}

std::string sql_writer::ratio(const std::string& a, const std::string& b, int places) const {
  const std::string scale = places == 0 ? "" : fmt::format(" * {}", power(places));
  return fmt::format("CASE WHEN ({1}) = 0 THEN NULL ELSE {0} END",
                     divide(fmt::format("2 * ({}){} + ({})", a, scale, b),
                            fmt::format("2 * GREATEST({}, 1)", b)),
                     b);
}

std::string sql_writer::fixed(const std::string& q, int places) const {
  const std::string p = power(places);
  const std::string v = "(" + q + ")";
  return fmt::format("CASE WHEN {0} IS NULL THEN NULL ELSE {1} END", v,
                     concat({text(divide(v, p)), "'.'", padded(modulo(v, p), places)}));
}

std::string sql_writer::count(const std::string& n) const {
  const std::string v = "(" + n + ")";
  return fmt::format("CASE WHEN {0} IS NULL THEN NULL ELSE {1} END", v, text(v));
}

std::string sql_writer::previous(const std::string& e, const std::string& window) const {
  return f(r_.previous, e, window);
}

}  // namespace retain
