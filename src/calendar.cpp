#include "retain/calendar.h"

#include <fmt/format.h>

#include <cstring>
#include <ctime>

namespace retain {
namespace {

constexpr day_t kMinDay = -719162;  // 0001-01-01
constexpr day_t kMaxDay = 2932896;  // 9999-12-31

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Reads exactly `count` ASCII digits starting at text[pos]; -1 if any is not a digit.
int digits(std::string_view text, std::size_t pos, int count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (int i = 0; i < count; ++i) {
    const unsigned digit = static_cast<unsigned char>(text[pos + i]) - unsigned{'0'};
    if (digit > 9) return -1;
    value = value * 10 + static_cast<int>(digit);
  }
  return value;
}

// Reads exactly `count` ASCII digits at p (the caller checked they are there); -1 if one is not.
int digits_at(const char* p, int count) {
  int value = 0;
  for (int i = 0; i < count; ++i) {
    const unsigned digit = static_cast<unsigned char>(p[i]) - unsigned{'0'};
    if (digit > 9) return -1;
    value = value * 10 + static_cast<int>(digit);
  }
  return value;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads one or two ASCII digits at text[pos] and moves pos past them; -1 if there is none.
int one_or_two_digits(std::string_view text, std::size_t& pos) {
  if (pos >= text.size() || !is_digit(text[pos])) return -1;
  int value = text[pos++] - '0';
  if (pos < text.size() && is_digit(text[pos])) value = value * 10 + (text[pos++] - '0');
  return value;
}

// Reads a run of ASCII letters at text[pos] and moves pos past it.
std::string_view letters(std::string_view text, std::size_t& pos) {
  std::size_t first = pos;
  while (pos < text.size() && is_letter(text[pos])) ++pos;
  return text.substr(first, pos - first);
}

// True if `word` is `name` (lower case) or, when `short_too`, its first three letters, in any case.
bool is_name(std::string_view word, std::string_view name, bool short_too) {
  if (word.size() != name.size() && !(short_too && word.size() == 3)) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(word[i]) != name[i]) return false;
  }
  return true;
}

// 1..12 for an English month name: full, its first three letters, or "Sept"; 0 otherwise.
int month_number(std::string_view word) {
  static constexpr std::string_view kMonths[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (int i = 0; i < 12; ++i) {
    if (is_name(word, kMonths[i], true)) return i + 1;
  }
  return is_name(word, "sept", false) ? 9 : 0;
}

// 0 (Monday) to 6 (Sunday) for an English weekday name, full or its first three letters; else -1.
int weekday_number(std::string_view word) {
  static constexpr std::string_view kWeekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                   "friday", "saturday", "sunday"};
  for (int i = 0; i < 7; ++i) {
    if (is_name(word, kWeekdays[i], true)) return i;
  }
  return -1;
}

constexpr const char* kNotADate =
    "is not a date (expected YYYY-MM-DD, an ISO date-time or YYYYMMDD; see --date-format)";
constexpr const char* kTimeOutOfRange = "has a time out of range";
constexpr const char* kOffsetOutOfRange = "has a UTC offset out of range";

// Checks a UTC offset: Z, +HH, +HHMM, +HH:MM (hours up to 14 as the real zones do, minutes < 60).
const char* check_offset(std::string_view text) {
  if (text.size() == 1 && (text[0] == 'Z' || text[0] == 'z')) return nullptr;
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return "has an unreadable time or offset";
  int hours = digits(text, 1, 2);
  int minutes = 0;
  if (text.size() == 5) {
    minutes = digits(text, 3, 2);
  } else if (text.size() == 6 && text[3] == ':') {
    minutes = digits(text, 4, 2);
  } else if (text.size() != 3) {
    return "has an unreadable UTC offset";
  }
  if (hours < 0 || minutes < 0) return "has an unreadable UTC offset";
  if (hours > 14 || minutes > 59) return kOffsetOutOfRange;
  return nullptr;
}

// A zone name: UTC, GMT, or 3 to 5 capital letters (PST, CEST, AKST).
bool is_zone_name(std::string_view text) {
  if (text.size() < 3 || text.size() > 5) return false;
  for (char c : text) {
    if (!is_upper(c)) return false;
  }
  return true;
}

// Checks a time of day and what may follow it; the time is read and dropped:
//   H[H]:MM[:SS[.fff]] [AM|PM] [Z | +HH[[:]MM] | zone name]
// with an optional space (or U+202F, which newer ICU puts before AM/PM) before AM/PM and a space
// before the zone. With AM/PM the hour runs 1..12.
const char* check_clock(std::string_view rest) {
  const char* p = rest.data();
  const std::size_t size = rest.size();
  int hour = -1;
  std::size_t pos = 0;
  if (size >= 5 && p[2] == ':') {
    hour = digits_at(p, 2);
    pos = 2;
  } else if (size >= 4 && p[1] == ':') {
    hour = digits_at(p, 1);
    pos = 1;
  }
  if (hour < 0) return "has an unreadable time";
  int minute = digits_at(p + pos + 1, 2);
  int second = 0;
  pos += 3;
  if (pos < size && p[pos] == ':') {
    if (pos + 3 > size) return "has an unreadable time";
    second = digits_at(p + pos + 1, 2);
    pos += 3;
    if (pos < size && (p[pos] == '.' || p[pos] == ',')) {
      ++pos;
      std::size_t first = pos;
      while (pos < size && is_digit(p[pos])) ++pos;
      if (pos == first) return "has an unreadable time";
    }
  }
  if (minute < 0 || second < 0) return "has an unreadable time";
  if (pos == size) return hour > 23 || minute > 59 || second > 60 ? kTimeOutOfRange : nullptr;
  rest.remove_prefix(pos);

  // AM/PM, after an optional space or U+202F (NARROW NO-BREAK SPACE, which newer ICU writes).
  bool twelve_hour = false;
  if (rest[0] != '+' && rest[0] != '-' && rest.size() >= 2) {
    std::size_t at = rest[0] == ' ' ? 1 : 0;
    if (rest[0] == '\xE2' && rest.size() > 2 && rest[1] == '\x80' && rest[2] == '\xAF') at = 3;
    if (rest.size() >= at + 2 && (lower(rest[at]) == 'a' || lower(rest[at]) == 'p') &&
        lower(rest[at + 1]) == 'm' && (rest.size() == at + 2 || !is_letter(rest[at + 2]))) {
      twelve_hour = true;
      rest.remove_prefix(at + 2);
    }
  }
  if (twelve_hour ? hour < 1 || hour > 12 : hour > 23) return kTimeOutOfRange;
  if (minute > 59 || second > 60) return kTimeOutOfRange;
  if (rest.empty()) return nullptr;

  if (rest[0] == ' ') rest.remove_prefix(1);  // Shopify: "10:23:45 -0500"
  if (rest.empty() || is_zone_name(rest)) return nullptr;
  return check_offset(rest);
}

// Checks what follows the date: nothing, or `T` or a space and a time (see check_clock).
const char* check_time(std::string_view rest) {
  if (rest.empty()) return nullptr;
  if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return "has text after the date";
  return check_clock(rest.substr(1));
}

date_result make_date(int year, int month, int day) {
  if (year < 1) return {0, "has a year out of range (0001-9999)"};
  if (!is_valid_date(year, month, day)) return {0, "is not a valid date"};
  return {days_from_civil(year, month, day), nullptr};
}

// 2024-1-6, 2024-1-6 9:05: ISO order with one-digit months, days or hours.
date_result parse_short_iso(std::string_view text) {
  std::size_t pos = 5;
  int month = one_or_two_digits(text, pos);
  if (month < 0 || pos >= text.size() || text[pos] != '-') return {0, kNotADate};
  ++pos;
  int day = one_or_two_digits(text, pos);
  if (day < 0) return {0, kNotADate};
  if (const char* problem = check_time(text.substr(pos))) return {0, problem};
  return make_date(digits(text, 0, 4), month, day);
}

// Dates with an English month name, optionally after a weekday name ("Fri, " or "Friday "):
//   Jun 28, 2024   June 28 2024   28 Jun 2024   28-Jun-2024
// then nothing, or a space (or ", ") and a time. A weekday must be the date's own.
date_result parse_month_name(std::string_view text) {
  std::size_t pos = 0;
  int weekday = -1;
  std::string_view word = letters(text, pos);
  if (!word.empty() && month_number(word) == 0) {
    weekday = weekday_number(word);
    if (weekday < 0) return {0, kNotADate};
    if (pos < text.size() && text[pos] == ',') ++pos;
    if (pos >= text.size() || text[pos] != ' ') return {0, kNotADate};
    ++pos;
    word = letters(text, pos);
  }
  int month = 0, day = -1;
  if (!word.empty()) {  // Jun 28, 2024
    month = month_number(word);
    if (month == 0 || pos >= text.size() || text[pos] != ' ') return {0, kNotADate};
    ++pos;
    day = one_or_two_digits(text, pos);
    if (day < 0) return {0, kNotADate};
    if (pos < text.size() && text[pos] == ',') ++pos;
    if (pos >= text.size() || text[pos] != ' ') return {0, kNotADate};
    ++pos;
  } else {  // 28 Jun 2024, 28-Jun-2024
    day = one_or_two_digits(text, pos);
    if (day < 0 || pos >= text.size() || (text[pos] != ' ' && text[pos] != '-')) {
      return {0, kNotADate};
    }
    const char separator = text[pos++];
    month = month_number(letters(text, pos));
    if (month == 0 || pos >= text.size() || text[pos] != separator) return {0, kNotADate};
    ++pos;
  }
  int year = digits(text, pos, 4);
  if (year < 0) return {0, kNotADate};
  std::string_view rest = text.substr(pos + 4);
  if (!rest.empty() && is_digit(rest[0])) return {0, "has a year out of range (0001-9999)"};
  if (rest.size() > 1 && rest[0] == ',' && rest[1] == ' ') rest.remove_prefix(1);
  if (!rest.empty() && rest[0] != ' ') return {0, "has text after the date"};
  if (const char* problem = check_time(rest)) return {0, problem};
  date_result date = make_date(year, month, day);
  if (date.problem == nullptr && weekday >= 0 && weekday != ((date.day % 7) + 10) % 7) {
    return {0, "has a weekday that is not the date's"};  // day 0, 1970-01-01, was a Thursday (3)
  }
  return date;
}

date_result parse_builtin(std::string_view text) {
  // The fast path: YYYY-MM-DD, alone or with a time.
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    const char* p = text.data();
    int year = digits_at(p, 4), month = digits_at(p + 5, 2), day = digits_at(p + 8, 2);
    if (year >= 0 && month >= 0 && day >= 0) {
      if (text.size() > 10) {
        if (const char* problem = check_time(text.substr(10))) return {0, problem};
      }
      return make_date(year, month, day);
    }
  }
  if (text.size() == 8) {
    int year = digits(text, 0, 4), month = digits(text, 4, 2), day = digits(text, 6, 2);
    if (year >= 0 && month >= 0 && day >= 0) return make_date(year, month, day);
  }
  if (text.size() >= 8 && text[4] == '-' && digits(text, 0, 4) >= 0) return parse_short_iso(text);
  if (is_letter(text[0]) || is_digit(text[0])) {
    date_result date = parse_month_name(text);
    if (date.problem != kNotADate) return date;
  }
  if (text.size() > 10 && is_digit(text[0]) && text.find('-') > 4 && text.find('-') < 8) {
    return {0, "has a year out of range (0001-9999)"};
  }
  return {0, kNotADate};
}

}  // namespace

day_t days_from_civil(int year, int month, int day) {
  // Howard Hinnant's days_from_civil.
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int yoe = year - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

civil_date civil_from_days(day_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (month <= 2), month, day};
}

bool is_valid_date(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::string iso_date(day_t day) {
  civil_date d = civil_from_days(day);
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

date_parser::date_parser(std::string format)
    : format_(std::move(format)), four_digit_year_(format_.find("%Y") != std::string::npos) {}

date_result date_parser::parse(std::string_view text) const {
  if (text.empty()) return {0, "is empty"};
  if (format_.empty()) return parse_builtin(text);
  std::tm tm{};
  tm.tm_mday = 1;
  const char* end = strptime(text.data(), format_.c_str(), &tm);
  if (end == nullptr) return {0, "does not match --date-format"};
  // A time after the layout is read and dropped: exports append times to the date users describe.
  std::string_view rest = text.substr(static_cast<std::size_t>(end - text.data()));
  if (rest.size() > 1 && rest[0] == ',' && rest[1] == ' ') rest.remove_prefix(1);
  if (!rest.empty()) {
    const char* problem = check_time(rest);
    if (problem == kTimeOutOfRange || problem == kOffsetOutOfRange) return {0, problem};
    if (problem != nullptr) return {0, "does not match --date-format"};
  }
  const int year = tm.tm_year + 1900;
  if (year < 1000 && four_digit_year_) {
    return {0, "has a year of fewer than 4 digits for %Y (2-digit years need %y)"};
  }
  return make_date(year, tm.tm_mon + 1, tm.tm_mday);
}

namespace {
// 1970-01-01 was a Thursday: the Monday of its ISO week is day -3.
constexpr day_t kFirstMonday = -3;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }
}  // namespace

std::int64_t window_index(window_kind kind, day_t day) {
  switch (kind) {
    case window_kind::day:
      return day;
    case window_kind::week:
      return floor_div(day - kFirstMonday, 7);
    case window_kind::all:
      return 0;
    default:
      break;
  }
  civil_date d = civil_from_days(day);
  switch (kind) {
    case window_kind::month:
      return std::int64_t{d.year} * 12 + (d.month - 1);
    case window_kind::quarter:
      return std::int64_t{d.year} * 4 + (d.month - 1) / 3;
    default:
      return d.year;
  }
}

day_t window_start(window_kind kind, std::int64_t index) {
  switch (kind) {
    case window_kind::day:
      return static_cast<day_t>(index);
    case window_kind::week:
      return static_cast<day_t>(index * 7 + kFirstMonday);
    case window_kind::month:
      return days_from_civil(static_cast<int>(index / 12), static_cast<int>(index % 12) + 1, 1);
    case window_kind::quarter:
      return days_from_civil(static_cast<int>(index / 4), static_cast<int>(index % 4) * 3 + 1, 1);
    case window_kind::year:
      return days_from_civil(static_cast<int>(index), 1, 1);
    case window_kind::all:
      break;
  }
  return kMinDay;
}

day_t window_end(window_kind kind, std::int64_t index) {
  if (kind == window_kind::all) return kMaxDay;
  return window_start(kind, index + 1) - 1;
}

bool window_complete(window_kind kind, std::int64_t index, day_t from, day_t to) {
  if (kind == window_kind::all) return true;
  return window_start(kind, index) >= from && window_end(kind, index) <= to;
}

std::string window_label(window_kind kind, std::int64_t index) {
  switch (kind) {
    case window_kind::day:
      return iso_date(static_cast<day_t>(index));
    case window_kind::week: {
      // The ISO year of a week is the year of its Thursday.
      day_t thursday = window_start(kind, index) + 3;
      int iso_year = civil_from_days(thursday).year;
      int week = (thursday - days_from_civil(iso_year, 1, 1)) / 7 + 1;
      return fmt::format("{:04}-W{:02}", iso_year, week);
    }
    case window_kind::month:
      return fmt::format("{:04}-{:02}", index / 12, index % 12 + 1);
    case window_kind::quarter:
      return fmt::format("{:04}-Q{}", index / 4, index % 4 + 1);
    case window_kind::year:
      return fmt::format("{:04}", index);
    case window_kind::all:
      break;
  }
  return std::string(name_of(kWindowKindNames, window_kind::all));
}

}  // namespace retain
