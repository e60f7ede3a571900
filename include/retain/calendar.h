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

#include "retain/names.h"

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

/// Reads order dates. It never guesses a day/month order: what it reads without a format has one
/// reading only, and a format says which number is which.
///
/// With an empty format (the default) it reads:
/// - ISO 8601 dates and date-times: `2024-01-15`, `2024-01-15T10:23`, `2024-01-15 10:23:45.123`,
///   `2024-01-15T23:30:00Z`, `+02:00`, `+0200`, `+02`, Shopify's `2024-01-15 10:23:45 -0500`;
///   also with one-digit months, days or hours (`2024-1-6`, `2024-1-6 9:05`);
/// - `YYYYMMDD` (`20240115`);
/// - English month names, full, three letters or `Sept`, in any case: `Jun 28, 2024` (also
///   without the comma), `June 28, 2024`, `28 Jun 2024`, `28-Jun-2024`, optionally after a
///   weekday (`Fri, 28 Jun 2024`), which must be the date's own;
/// - after any of these but `YYYYMMDD`, a time (a space, or `T` after ISO dates; `, ` after month
///   names): `H:MM` or `HH:MM`, optional `:SS` and fraction, optional `AM`/`PM` in any case
///   (12-hour clock: hours 1..12, 12 AM is midnight), then optionally a space and `Z`, an offset
///   (`+HH`, `+HHMM`, `+HH:MM`, hours up to 14) or a zone name (`UTC`, `GMT`, or 3-5 capital
///   letters such as `PST`, `CEST`). So `2023-12-31 10:15 PM`, `2024-01-17 10:23:45 UTC`,
///   `Jun 28, 2024 10:58:01 PM` (Magento 2) and `Fri, 28 Jun 2024 10:58:01 +0000` (RFC 2822).
/// The time's ranges are checked (24:00 and 13:00 PM are refused) and the time is dropped; an
/// offset is checked but never applied, and a zone name is not looked up (see the top of the file).
///
/// With a format it reads that strptime layout (`%d/%m/%Y`, `%m/%d/%y %I:%M %p`, `%b %d, %Y`), in
/// the C locale: `%b`/`%B` read English month names, full or short, in any case; `%I` with `%p` the
/// 12-hour clock. `%y` is a 2-digit year: 00-68 are 2000-2068, 69-99 are 1969-1999. `%Y` takes the
/// year 1000-9999: a shorter number is refused, as it is nearly always a 2-digit year read by the
/// wrong directive (`12/31/23` with `%m/%d/%Y`). Text after the layout is accepted only if it is a
/// time as above (`12/31/2023 10:15 PM` with `%m/%d/%Y`), since exports append times to the date a
/// user describes; anything else is "does not match --date-format".
class date_parser {
 public:
  explicit date_parser(std::string format = {});
  /// `text` must be NUL-terminated at text.size() when a format is set (fields from the CSV are).
  date_result parse(std::string_view text) const;

 private:
  std::string format_;
  bool four_digit_year_;  ///< the format holds %Y
};

enum class window_kind { day, week, month, quarter, year, all };
/// The names of --window (names.h); `all` is also the label of its one window.
inline constexpr named<window_kind> kWindowKindNames[] = {
    {"day", window_kind::day},         {"week", window_kind::week},
    {"month", window_kind::month},     {"quarter", window_kind::quarter},
    {"year", window_kind::year},       {"all", window_kind::all}};

/// Numbers the windows of one kind so that consecutive windows have consecutive indexes.
std::int64_t window_index(window_kind kind, day_t day);
/// First and last day of the window with this index (for `all`: the whole calendar).
day_t window_start(window_kind kind, std::int64_t index);
day_t window_end(window_kind kind, std::int64_t index);
/// 2024-01-15, 2024-W03 (ISO week, Monday first), 2024-01, 2024-Q1, 2024, all.
std::string window_label(window_kind kind, std::int64_t index);

/// Whether data that covers the days `from` to `to` covers the whole window with this index: a
/// window that starts before `from` or ends after `to` is partial (the one rule for metrics,
/// summary and cohorts; README "Partial windows"). The window of `all` is the data's span itself,
/// so it is always complete.
bool window_complete(window_kind kind, std::int64_t index, day_t from, day_t to);

/// What a report shows of a partial window's comparisons (--partial): metrics' retention of a
/// partial last window, cohorts' partially observed periods.
enum class partial_policy {
  empty,    ///< left empty, as undefined (the default): a part of a window is not a window
  include,  ///< shown, computed from the days the data covers
};
/// The names of --partial (names.h).
inline constexpr named<partial_policy> kPartialPolicyNames[] = {
    {"empty", partial_policy::empty}, {"include", partial_policy::include}};

}  // namespace retain
