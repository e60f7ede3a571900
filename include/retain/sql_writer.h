// SQL expressions in one dialect (sql_dialect.h): its templates filled in, and the definitions
// that every query of retain sql shares, written as SQL: the window numbers, bounds and labels of
// calendar.h, exact ratios rounded half away from zero (decimal.h) and fixed-point text.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "retain/calendar.h"
#include "retain/sql_dialect.h"

namespace retain {

/// Each function returns an SQL expression of the expressions it is given; `n` is a window number.
class sql_writer {
 public:
  explicit sql_writer(sql_dialect dialect) : r_(rules_of(dialect)) {}

  const dialect_rules& rules() const { return r_; }

  /// A template of the dialect's rules with its {} filled in.
  template <typename... Args>
  std::string f(const char* tmpl, const Args&... args) const {
    return fmt::format(fmt::runtime(tmpl), args...);
  }
  /// An identifier in the dialect's quotes (a quote inside doubled).
  std::string quote(std::string_view name) const;
  /// A string literal ('' for a quote inside).
  static std::string literal(std::string_view text);
  /// ('a', 'b', ...) for IN.
  static std::string list(const std::vector<std::string>& items);
  /// ('a', 'b', ...) for IN, of any bytes as the table holds them: also a backslash doubled
  /// where the dialect reads it as an escape.
  std::string data_list(const std::vector<std::string>& items) const;
  /// The DATE of a day.
  std::string date(day_t day) const;
  std::string divide(const std::string& a, const std::string& b) const;
  std::string modulo(const std::string& a, const std::string& b) const;
  /// An integer as text, and zero-padded to `width` digits.
  std::string text(const std::string& e) const;
  std::string padded(const std::string& e, int width) const;
  static std::string concat(const std::vector<std::string>& parts);

  /// The number of the window of `kind` that holds the DATE `d`; consecutive windows have
  /// consecutive numbers (calendar.h window_index, from another origin); `all` is 0.
  std::string window_of(window_kind kind, const std::string& d) const;
  /// The first and last DATE of window `n` (not for `all`, whose window is the days counted).
  std::string window_start(window_kind kind, const std::string& n) const;
  std::string window_end(window_kind kind, const std::string& n) const;
  /// 2024-01-15, 2024-W03 (the ISO year of the week's Thursday), 2024-01, 2024-Q1, 2024, all.
  std::string window_label(window_kind kind, const std::string& n) const;

  /// a / b x 10^places rounded half away from zero, both integers >= 0; NULL when b is 0. The
  /// divisor is never 0, even where an engine evaluates both branches of a CASE.
  std::string ratio(const std::string& a, const std::string& b, int places) const;
  /// The integer q >= 0 as text with `places` decimals (q / 10^places); NULL stays NULL.
  std::string fixed(const std::string& q, int places) const;
  /// A count as text; NULL stays NULL.
  std::string count(const std::string& n) const;
  /// `e` of the row before in the window `window` (NULL for the first row).
  std::string previous(const std::string& e, const std::string& window) const;

 private:
  const dialect_rules& r_;
};

}  // namespace retain
