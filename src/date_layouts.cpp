#include "retain/date_layouts.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "retain/calendar.h"

namespace retain {
namespace {

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A date written as three numbers with one separator, `A/B/C`, `A.B.C` or `A-B-C`, then nothing
// or a space, `T` or `,` (a time, which date_parser checks).
struct numeric_date {
  char separator;
  bool year_first;  ///< YYYY/MM/DD; else the year is last and `first`/`second` are day and month
  int year_digits;  ///< 4, or 2 (the %y pivot applies)
  int first;        ///< the first number that is not the year
  int second;       ///< the second number that is not the year
  int year;

  bool valid_day_first() const { return is_valid_date(year, second, first); }
  bool valid_month_first() const { return is_valid_date(year, first, second); }
  bool same_layout(const numeric_date& other) const {
    return separator == other.separator && year_first == other.year_first &&
           year_digits == other.year_digits;
  }
};

std::optional<numeric_date> read_numeric(std::string_view text) {
  std::size_t pos = 0;
  auto number = [&](std::size_t max_digits, int& value) {
    std::size_t first = pos;
    value = 0;
    while (pos < text.size() && pos - first < max_digits && is_digit(text[pos])) {
      value = value * 10 + (text[pos++] - '0');
    }
    return pos - first;
  };
  int a = 0, b = 0, c = 0;
  const std::size_t a_digits = number(4, a);
  if (a_digits == 0 || pos >= text.size()) return std::nullopt;
  const char separator = text[pos++];
  if (separator != '/' && separator != '.' && separator != '-') return std::nullopt;
  if (number(2, b) == 0 || pos >= text.size() || text[pos++] != separator) return std::nullopt;
  const std::size_t c_digits = number(4, c);
  if (pos < text.size() && text[pos] != ' ' && text[pos] != 'T' && text[pos] != ',') {
    return std::nullopt;
  }
  if (a_digits == 4 && (c_digits == 1 || c_digits == 2)) {
    if (separator == '-') return std::nullopt;  // YYYY-M-D is a built-in layout
    return numeric_date{separator, true, 4, b, c, a};
  }
  if (a_digits > 2 || (c_digits != 2 && c_digits != 4)) return std::nullopt;
  const int year = c_digits == 4 ? c : c < 69 ? 2000 + c : 1900 + c;  // as %y reads it
  return numeric_date{separator, false, static_cast<int>(c_digits), a, b, year};
}

std::string numeric_format(const numeric_date& d, bool day_first) {
  const char s = d.separator;
  if (d.year_first) return fmt::format("%Y{}%m{}%d", s, s);
  const char* year = d.year_digits == 4 ? "%Y" : "%y";
  return day_first ? fmt::format("%d{}%m{}{}", s, s, year) : fmt::format("%m{}%d{}{}", s, s, year);
}

std::string numeric_description(const numeric_date& d, bool day_first) {
  const char s = d.separator;
  std::string order = d.year_first ? fmt::format("year{}month{}day", s, s)
                      : day_first  ? fmt::format("day{}month{}year", s, s)
                                   : fmt::format("month{}day{}year", s, s);
  return fmt::format("{} ({})", order, numeric_format(d, day_first));
}

// True if date_parser(format) reads text, a field of the sample (copied: format mode reads a
// NUL-terminated string); `problem` gets the reason otherwise.
bool reads(const date_parser& parser, std::string_view text, std::string* problem = nullptr) {
  date_result r = parser.parse(std::string(text));
  if (r.problem != nullptr && problem != nullptr) *problem = r.problem;
  return r.problem == nullptr;
}

// The values of the sample in one numeric layout, and what they say about the day/month order.
struct numeric_group {
  numeric_date layout;
  std::vector<std::string_view> values;
  std::string_view day_first;    ///< a value that reads only day-first
  std::string_view month_first;  ///< a value that reads only month-first
  std::string_view ambiguous;    ///< a value that reads both ways, preferably two different numbers
  bool ambiguous_distinct = false;  ///< `ambiguous` has two different numbers (03/04, not 03/03)
  std::string_view valid;           ///< a value that reads one way or the other
};

date_layout_choice failure(std::string problem) { return {"", "", std::move(problem)}; }

date_layout_choice choose_numeric(const numeric_group& group) {
  const numeric_date& d = group.layout;
  if (group.valid.empty()) {
    return failure(fmt::format(
        "dates such as \"{}\" are not valid dates in any order; set --date-format to their layout",
        group.values.front()));
  }
  bool day_first = false;
  std::string description;
  if (d.year_first) {
    description = numeric_description(d, false);
  } else if (!group.day_first.empty() && !group.month_first.empty()) {
    return failure(
        fmt::format("dates such as \"{}\" put the day first but \"{}\" put the month first; no one "
                    "--date-format reads both",
                    group.day_first, group.month_first));
  } else if (!group.day_first.empty()) {
    day_first = true;
    description = numeric_description(d, true);
  } else if (!group.month_first.empty()) {
    if (d.separator == '.') {
      return failure(fmt::format(
          "dotted dates such as \"{}\" put the month first, against the day-first convention; "
          "set --date-format {} if that is their layout",
          group.month_first, numeric_format(d, false)));
    }
    description = numeric_description(d, false);
  } else if (d.separator == '.') {
    day_first = true;
    description = numeric_description(d, true) + ", day first as dotted dates are";
  } else {
    return failure(
        fmt::format("dates such as \"{}\" could be day/month or month/day; set --date-format {} or "
                    "--date-format {}",
                    group.ambiguous, numeric_format(d, true), numeric_format(d, false)));
  }

  const std::string format = numeric_format(d, day_first);
  const date_parser parser(format);
  for (std::string_view value : group.values) {
    std::string problem;
    if (!reads(parser, value, &problem) && problem == "does not match --date-format") {
      return failure(fmt::format(
          "dates such as \"{}\" do not read as {}, the layout of the others; set --date-format "
          "to their layout",
          value, format));
    }
  }
  return {format, description, ""};
}

}  // namespace

date_layout_choice choose_date_layout(const std::vector<std::string_view>& sample) {
  const date_parser builtin;
  std::vector<std::string> builtin_kinds;  // what the built-in layouts read, in order seen
  std::string_view builtin_first;          // the first value in a built-in layout
  std::string_view builtin_bad;            // one in a built-in layout but not a date
  std::string builtin_bad_reason;
  bool builtin_read = false;
  std::string_view unknown;  // the first value in no known layout
  std::vector<numeric_group> groups;
  std::vector<std::string_view> first_of_each;  // the first value of each layout, in order seen

  for (std::string_view value : sample) {
    if (is_blank(value)) continue;
    date_result r = builtin.parse(value);
    const bool not_a_date =
        r.problem != nullptr && std::string_view(r.problem).rfind("is not a date (", 0) == 0;
    if (r.problem == nullptr || !not_a_date) {
      if (builtin_first.empty()) {
        builtin_first = value;
        first_of_each.push_back(value);
      }
      if (r.problem != nullptr) {
        if (builtin_bad.empty()) builtin_bad = value, builtin_bad_reason = r.problem;
        continue;
      }
      builtin_read = true;
      const char* kind = value.size() == 8 && value.find('-') == std::string_view::npos ? "YYYYMMDD"
                         : is_digit(value[0]) && value.size() > 4 && value[4] == '-'
                             ? "ISO 8601"
                             : "dates with month names";
      if (std::find(builtin_kinds.begin(), builtin_kinds.end(), kind) == builtin_kinds.end()) {
        builtin_kinds.emplace_back(kind);
      }
      continue;
    }
    std::optional<numeric_date> numeric = read_numeric(value);
    if (!numeric) {
      if (unknown.empty()) unknown = value;
      continue;
    }
    auto group = std::find_if(groups.begin(), groups.end(), [&](const numeric_group& g) {
      return g.layout.same_layout(*numeric);
    });
    if (group == groups.end()) {
      groups.push_back({*numeric, {}, {}, {}, {}, false, {}});
      group = groups.end() - 1;
      first_of_each.push_back(value);
    }
    group->values.push_back(value);
    const bool day_first = numeric->valid_day_first(), month_first = numeric->valid_month_first();
    if (day_first || month_first) {
      if (group->valid.empty()) group->valid = value;
      if (numeric->year_first) continue;
    }
    if (day_first && !month_first && group->day_first.empty()) group->day_first = value;
    if (month_first && !day_first && group->month_first.empty()) group->month_first = value;
    if (day_first && month_first && !group->ambiguous_distinct) {
      group->ambiguous = value;  // the first ambiguous value, or the first with two numbers
      group->ambiguous_distinct = numeric->first != numeric->second;
    }
  }

  // Values in no layout are the loader's bad rows (counted, under --max-bad-rows) as long as
  // others show the layout; when none does, the layout is unknown.
  if (!unknown.empty() && first_of_each.empty()) {
    return failure(fmt::format(
        "dates such as \"{}\" are in no layout retain recognizes; set --date-format to their "
        "strptime layout",
        unknown));
  }
  if (first_of_each.empty()) return {"", "built-in layouts (the sample holds no dates)", ""};
  if (first_of_each.size() > 1) {
    return failure(fmt::format(
        "dates mix layouts, such as \"{}\" and \"{}\"; no one --date-format reads them all",
        first_of_each[0], first_of_each[1]));
  }
  if (!groups.empty()) return choose_numeric(groups.front());
  if (!builtin_read) {
    return failure(
        fmt::format("no date in the sample reads: \"{}\" {}", builtin_bad, builtin_bad_reason));
  }
  std::string description;
  for (const std::string& kind : builtin_kinds) {
    description += description.empty() ? kind : " and " + kind;
  }
  return {"", description, ""};
}

std::string suggest_date_format(std::string_view text) {
  if (date_parser().parse(text).problem == nullptr) return "";
  std::optional<numeric_date> d = read_numeric(text);
  if (!d) return "";
  std::string format;
  const bool day_first = d->valid_day_first(), month_first = d->valid_month_first();
  if (d->year_first) {
    if (month_first) format = numeric_format(*d, false);
  } else if (day_first && (!month_first || d->separator == '.')) {
    format = numeric_format(*d, true);
  } else if (month_first && !day_first) {
    format = numeric_format(*d, false);
  }
  if (format.empty() || !reads(date_parser(format), text)) return "";
  return format;
}

}  // namespace retain
