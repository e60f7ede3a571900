// Calendar dates as day numbers, the date layouts retain reads, and the time windows (day, ISO
// week, month, quarter, year, all) that metrics are computed over.
//
// An order's date is its calendar date as written in the export (the shop's local time): a UTC
// offset is checked but never applied, so an order placed at 23:30 -0500 stays on its own day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace retain {

/// Days since 1970-01-01 (negative before). Dates run from 0001-01-01 to 9999-12-31.
using day_t = std::int32_t;

struct civil_date {
  int year;
  int month;  ///< 1..12
  int day;    ///< 1..31
};

/// The day number of a valid proleptic Gregorian date.
day_t days_from_civil(int year, int month, int day);
civil_date civil_from_days(day_t day);
/// True if year/month/day names a real date in 0001-01-01..9999-12-31.
bool is_valid_date(int year, int month, int day);
/// `YYYY-MM-DD`.
std::string iso_date(day_t day);

/// The result of reading a date: a day, or the reason the text is not one.
struct date_result {
  day_t day = 0;
  const char* problem = nullptr;  ///< null on success; a static phrase such as "is not a valid date"
};

/// Reads order dates. With an empty format it accepts ISO 8601 dates and date-times (`T` or space,
/// optional seconds and fractions, `Z`, `+02:00`, `+0200`, Shopify's ` -0500`) and `YYYYMMDD`; with
/// a strptime-style format (`%m/%d/%Y %H:%M`) it accepts exactly that layout. It never guesses a
/// day/month order.
class date_parser {
 public:
  explicit date_parser(std::string format = {});
  /// `text` must be NUL-terminated at text.size() when a format is set (fields from the CSV are).
  date_result parse(std::string_view text) const;

 private:
  std::string format_;
};

enum class window_kind { day, week, month, quarter, year, all };

/// "day", "week", ... as accepted by --window; nullopt for anything else.
std::optional<window_kind> parse_window_kind(std::string_view name);

/// Numbers the windows of one kind so that consecutive windows have consecutive indexes.
std::int64_t window_index(window_kind kind, day_t day);
/// First and last day of the window with this index (for `all`: the whole calendar).
day_t window_start(window_kind kind, std::int64_t index);
day_t window_end(window_kind kind, std::int64_t index);
/// 2024-01-15, 2024-W03 (ISO week, Monday first), 2024-01, 2024-Q1, 2024, all.
std::string window_label(window_kind kind, std::int64_t index);

}  // namespace retain
