// Fuzzes retain::date_parser and the window arithmetic of calendar.h.
//
// The whole input is parsed as a date in ISO mode. Then, if it holds a '\n', the part before
// the first one is used as a --date-format and the rest is parsed with it. The text is always a
// NUL-terminated std::string, as the parser requires in format mode.
//
// Invariants checked for every date that parses:
// - the day is within 0001-01-01..9999-12-31 and days_from_civil(civil_from_days(day)) == day;
// - iso_date(day) parsed again (ISO mode, and for years 1000-9999 with the format "%Y-%m-%d",
//   whose %Y refuses shorter years) gives the same day;
// - in ISO mode, an input that starts YYYY-MM-DD or is YYYYMMDD is read as that date (the
//   other built-in layouts, one-digit fields and month names, are checked by the unit tests);
// - for every window kind, the day's window contains it, neighbouring windows are adjacent, and
//   it has a label.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "retain/calendar.h"

namespace {

constexpr retain::day_t kMinDay = -719162;  // 0001-01-01
constexpr retain::day_t kMaxDay = 2932896;  // 9999-12-31

[[noreturn]] void fail(const char* what, const std::string& text, const std::string& detail) {
  std::fprintf(stderr, "date_fuzz: %s\n  input: \"%s\"\n  %s\n", what, text.c_str(),
               detail.c_str());
  std::abort();
}

void check_day(retain::day_t day, const std::string& text) {
  if (day < kMinDay || day > kMaxDay) fail("day out of range", text, std::to_string(day));
  retain::civil_date c = retain::civil_from_days(day);
  if (!retain::is_valid_date(c.year, c.month, c.day) ||
      retain::days_from_civil(c.year, c.month, c.day) != day) {
    fail("civil round trip", text, std::to_string(day));
  }
  const std::string iso = retain::iso_date(day);
  static const retain::date_parser iso_parser;
  static const retain::date_parser ymd_parser("%Y-%m-%d");
  retain::date_result again = iso_parser.parse(iso);
  if (again.problem != nullptr || again.day != day) {
    fail("iso_date does not parse back (ISO mode)", text,
         iso + ": " + (again.problem ? again.problem : std::to_string(again.day)));
  }
  again = ymd_parser.parse(iso);
  if (c.year >= 1000 && (again.problem != nullptr || again.day != day)) {
    fail("iso_date does not parse back (%Y-%m-%d)", text,
         iso + ": " + (again.problem ? again.problem : std::to_string(again.day)));
  }

  static constexpr retain::window_kind kKinds[] = {
      retain::window_kind::day,     retain::window_kind::week, retain::window_kind::month,
      retain::window_kind::quarter, retain::window_kind::year, retain::window_kind::all};
  for (retain::window_kind kind : kKinds) {
    const std::int64_t index = retain::window_index(kind, day);
    const retain::day_t start = retain::window_start(kind, index);
    const retain::day_t end = retain::window_end(kind, index);
    if (start > day || end < day) {
      fail("window does not contain its day", text,
           iso + " in " + retain::window_label(kind, index) + " [" + std::to_string(start) +
               ", " + std::to_string(end) + "]");
    }
    if (kind != retain::window_kind::all && retain::window_end(kind, index - 1) + 1 != start) {
      fail("windows are not adjacent", text, iso + " in " + retain::window_label(kind, index));
    }
    if (retain::window_label(kind, index).empty()) fail("empty window label", text, iso);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);

  static const retain::date_parser iso_parser;
  retain::date_result r = iso_parser.parse(input);
  if (r.problem == nullptr) {
    check_day(r.day, input);
    const std::string iso = retain::iso_date(r.day);
    auto digit = [&](std::size_t i) {
      return i < input.size() && input[i] >= '0' && input[i] <= '9';
    };
    std::string written;
    if (input.size() == 8 && input.find_first_not_of("0123456789") == std::string::npos) {
      written = input.substr(0, 4) + "-" + input.substr(4, 2) + "-" + input.substr(6, 2);
    } else if (input.size() >= 10 && input[4] == '-' && input[7] == '-' && digit(8) && digit(9)) {
      written = input.substr(0, 10);
    }
    if (!written.empty() && written != iso) {
      fail("ISO mode read another date than written", input, iso);
    }
  } else if (*r.problem == '\0') {
    fail("empty problem text", input, "");
  }

  const std::size_t newline = input.find('\n');
  if (newline == std::string::npos) return 0;
  const retain::date_parser parser(input.substr(0, newline));
  const std::string text = input.substr(newline + 1);
  r = parser.parse(text);
  if (r.problem == nullptr) check_day(r.day, input);
  return 0;
}
