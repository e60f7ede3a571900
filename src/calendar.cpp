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
    char c = text[pos + i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Checks a UTC offset: Z, +HH, +HHMM, +HH:MM (hours up to 14 as the real zones do, minutes < 60).
const char* check_offset(std::string_view text) {
  if (text == "Z" || text == "z") return nullptr;
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
  if (hours > 14 || minutes > 59) return "has a UTC offset out of range";
  return nullptr;
}

// Checks what follows the date: [T ]HH:MM[:SS[.fff]][offset]; the time is read and dropped.
const char* check_time(std::string_view rest) {
  if (rest.empty()) return nullptr;
  if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return "has text after the date";
  rest.remove_prefix(1);
  int hour = digits(rest, 0, 2);
  if (hour < 0 || rest.size() < 5 || rest[2] != ':') return "has an unreadable time";
  int minute = digits(rest, 3, 2);
  int second = 0;
  std::size_t pos = 5;
  if (pos < rest.size() && rest[pos] == ':') {
    second = digits(rest, pos + 1, 2);
    pos += 3;
    if (pos < rest.size() && (rest[pos] == '.' || rest[pos] == ',')) {
      ++pos;
      std::size_t first = pos;
      while (pos < rest.size() && is_digit(rest[pos])) ++pos;
      if (pos == first) return "has an unreadable time";
    }
  }
  if (minute < 0 || second < 0) return "has an unreadable time";
  if (hour > 23 || minute > 59 || second > 60) return "has a time out of range";
  rest.remove_prefix(pos);
  if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);  // Shopify: "10:23:45 -0500"
  return rest.empty() ? nullptr : check_offset(rest);
}

date_result make_date(int year, int month, int day) {
  if (year < 1) return {0, "has a year out of range (0001-9999)"};
  if (!is_valid_date(year, month, day)) return {0, "is not a valid date"};
  return {days_from_civil(year, month, day), nullptr};
}

date_result parse_iso(std::string_view text) {
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0) return {0, "is not a date"};
    if (const char* problem = check_time(text.substr(10))) return {0, problem};
    return make_date(year, month, day);
  }
  if (text.size() == 8) {
    int year = digits(text, 0, 4), month = digits(text, 4, 2), day = digits(text, 6, 2);
    if (year >= 0 && month >= 0 && day >= 0) return make_date(year, month, day);
  }
  if (text.size() > 10 && is_digit(text[0]) && text.find('-') > 4 && text.find('-') < 8) {
    return {0, "has a year out of range (0001-9999)"};
  }
  return {0, "is not a date (expected YYYY-MM-DD, an ISO date-time or YYYYMMDD; see --date-format)"};
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

date_parser::date_parser(std::string format) : format_(std::move(format)) {}

date_result date_parser::parse(std::string_view text) const {
  if (text.empty()) return {0, "is empty"};
  if (format_.empty()) return parse_iso(text);
  std::tm tm{};
  tm.tm_mday = 1;
  const char* end = strptime(text.data(), format_.c_str(), &tm);
  if (end == nullptr || end != text.data() + text.size()) {
    return {0, "does not match --date-format"};
  }
  return make_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::optional<window_kind> parse_window_kind(std::string_view name) {
  static constexpr std::pair<std::string_view, window_kind> kNames[] = {
      {"day", window_kind::day},         {"week", window_kind::week},
      {"month", window_kind::month},     {"quarter", window_kind::quarter},
      {"year", window_kind::year},       {"all", window_kind::all}};
  for (const auto& [text, kind] : kNames) {
    if (text == name) return kind;
  }
  return std::nullopt;
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
  return "all";
}

}  // namespace retain
