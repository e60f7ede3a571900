#include "retain/money_text.h"

#include <fmt/format.h>

#include <cstdint>
#include <limits>

namespace retain {
namespace {

constexpr const char* kEmpty = "is empty";
constexpr const char* kNotANumber = "is not a number";
constexpr const char* kTooManyDecimals = "has more than 2 decimals";
constexpr const char* kSeparatorOutOfPlace = "has a thousands separator out of place";
constexpr const char* kTwoMarks = "has two currency marks";
constexpr const char* kOutOfRange = "is out of range";

// Every code of three uppercase letters, "AAA" to "ZZZ", so a code read in any case is returned
// uppercase from static storage.
struct code_table {
  char text[26 * 26 * 26 * 3];
};
constexpr code_table make_codes() {
  code_table table{};
  for (int i = 0; i < 26 * 26 * 26; ++i) {
    table.text[3 * i] = static_cast<char>('A' + i / (26 * 26));
    table.text[3 * i + 1] = static_cast<char>('A' + i / 26 % 26);
    table.text[3 * i + 2] = static_cast<char>('A' + i % 26);
  }
  return table;
}
constexpr code_table kCodes = make_codes();

struct sign_name {
  std::string_view sign;
  std::string_view currency;
};
// Signs that are not ASCII letters before '$'; "$" itself is looked at first.
constexpr sign_name kSymbols[] = {{"€", "EUR"}, {"£", "GBP"}, {"¥", "¥"}, {"₹", "INR"}};
// Letters before '$', without the '$'.
constexpr sign_name kDollars[] = {{"US", "USD"}, {"R", "BRL"},  {"A", "AUD"},  {"AU", "AUD"},
                                  {"C", "CAD"},  {"CA", "CAD"}, {"NZ", "NZD"}, {"HK", "HKD"}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
int letter_index(char c) { return (c >= 'a' ? c - 'a' : c - 'A'); }

// Length of the space at text[pos]: ' ', tab, U+00A0 or U+202F; 0 when there is none.
std::size_t space_at(std::string_view text, std::size_t pos) {
  char c = text[pos];
  if (c == ' ' || c == '\t') return 1;
  if (c == '\xC2' && text.compare(pos, 2, "\xC2\xA0") == 0) return 2;
  if (c == '\xE2' && text.compare(pos, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

// A currency mark at text[pos]: its length (0 when there is none) and the currency it names.
struct mark {
  std::size_t length = 0;
  std::string_view currency;
};

mark mark_at(std::string_view text, std::size_t pos) {
  if (text[pos] == '$') return {1, "$"};
  for (const sign_name& s : kSymbols) {
    if (text.compare(pos, s.sign.size(), s.sign) == 0) return {s.sign.size(), s.currency};
  }
  std::size_t letters = 0;
  while (pos + letters < text.size() && is_letter(text[pos + letters])) ++letters;
  if (letters == 0) return {};
  std::string_view word = text.substr(pos, letters);
  if (pos + letters < text.size() && text[pos + letters] == '$') {
    for (const sign_name& s : kDollars) {
      if (word == s.sign) return {letters + 1, s.currency};
    }
    return {};
  }
  if (letters == 3) {
    int index = (letter_index(word[0]) * 26 + letter_index(word[1])) * 26 + letter_index(word[2]);
    return {3, std::string_view(kCodes.text + 3 * index, 3)};
  }
  if (word == "kr") return {2, "kr"};
  if (word == "z" && text.compare(pos + 1, 2, "ł") == 0) return {3, "PLN"};
  return {};
}

// A thousands separator at text[pos]: its length (0 when there is none), a number telling the
// kinds apart, and whether it is a space (which separates only before a digit).
struct separator {
  std::size_t length = 0;
  int kind = 0;
  bool space = false;
};

separator separator_at(std::string_view text, std::size_t pos, char group_mark) {
  char c = text[pos];
  if (c == group_mark) return {1, 1, false};
  if (c == '\'') return {1, 2, false};
  if (c == ' ') return {1, 3, true};
  if (c == '\xC2' && text.compare(pos, 2, "\xC2\xA0") == 0) return {2, 4, true};
  if (c != '\xE2') return {};
  if (text.compare(pos, 3, "\xE2\x80\xAF") == 0) return {3, 5, true};
  if (text.compare(pos, 3, "\xE2\x80\x99") == 0) return {3, 6, false};  // U+2019 ’
  return {};
}

// Appends one digit to an unsigned magnitude; false on overflow past int64's range.
bool push_digit(std::uint64_t& value, char c) {
  constexpr std::uint64_t kLimit = std::numeric_limits<std::int64_t>::max();
  if (value > (kLimit - (c - '0')) / 10) return false;
  value = value * 10 + (c - '0');
  return true;
}

// The number starting at text[pos] (a digit or the decimal mark) in cents. `problem` is set for
// a number that cannot be read; `misplaced` for one whose grouping is wrong, which is reported
// only if what follows the number is well formed (so "12,3x" is not a number at all).
struct number {
  std::uint64_t cents = 0;
  std::size_t end = 0;
  const char* problem = nullptr;
  bool misplaced = false;
};

number read_number(std::string_view text, std::size_t pos, char decimal_mark) {
  const char group_mark = decimal_mark == ',' ? '.' : ',';
  number n;
  std::size_t integer_digits = 0;
  std::size_t group_digits = 0;  // digits since the last thousands separator
  int group_kind = 0;            // the separator used so far; 0 before the first
  const std::size_t first = pos;
  while (pos < text.size()) {
    char c = text[pos];
    if (is_digit(c)) {
      if (!push_digit(n.cents, c)) return {0, pos, kOutOfRange, false};
      ++integer_digits;
      ++group_digits;
      ++pos;
      continue;
    }
    if (c == decimal_mark) break;
    separator sep = separator_at(text, pos, group_mark);
    if (sep.length == 0) break;
    if (sep.space && (pos + sep.length == text.size() || !is_digit(text[pos + sep.length]))) break;
    if (group_kind == 0 ? (group_digits == 0 || group_digits > 3 || text[first] == '0')
                        : (group_kind != sep.kind || group_digits != 3)) {
      n.misplaced = true;
    }
    group_kind = sep.kind;
    group_digits = 0;
    pos += sep.length;
  }
  if (group_kind != 0 && group_digits != 3) n.misplaced = true;

  int decimals = 0;
  if (pos < text.size() && text[pos] == decimal_mark) {
    ++pos;
    for (; pos < text.size() && is_digit(text[pos]); ++pos) {
      if (decimals == 2) {
        if (text[pos] != '0') return {0, pos, kTooManyDecimals, false};
        continue;
      }
      if (!push_digit(n.cents, text[pos])) return {0, pos, kOutOfRange, false};
      ++decimals;
    }
    if (decimals == 0 && integer_digits == 0) return {0, pos, kNotANumber, false};
  }
  for (; decimals < 2; ++decimals) {
    if (!push_digit(n.cents, '0')) return {0, pos, kOutOfRange, false};
  }
  n.end = pos;
  return n;
}

// What stands around the number: each at most once.
struct affixes {
  bool sign = false;
  bool negative = false;
  bool open = false;   // '('
  bool close = false;  // ')'
  bool has_mark = false;
  std::string_view currency;
};

// Reads a space or a currency mark at text[pos]: null when read, else the problem.
const char* take_space_or_mark(std::string_view text, std::size_t& pos, affixes& around) {
  if (std::size_t n = space_at(text, pos)) {
    pos += n;
    return nullptr;
  }
  mark m = mark_at(text, pos);
  if (m.length == 0) return kNotANumber;
  if (around.has_mark) return kTwoMarks;
  around.has_mark = true;
  around.currency = m.currency;
  pos += m.length;
  return nullptr;
}

}  // namespace

money_result parse_money(std::string_view text, char decimal_mark) {
  const std::size_t size = text.size();
  std::size_t pos = 0;
  while (pos < size) {
    std::size_t space = space_at(text, pos);
    if (space == 0) break;
    pos += space;
  }
  if (pos == size) return {0, kEmpty, {}};

  // Before the number. The plain case ("12.34") leaves this loop at its first test.
  affixes around;
  while (pos < size && !is_digit(text[pos]) && text[pos] != decimal_mark) {
    char c = text[pos];
    if (c == '-' || c == '+' || c == '(') {
      if (around.sign || around.open) return {0, kNotANumber, {}};
      around.open = c == '(';
      around.sign = !around.open;
      around.negative = c == '-';
      ++pos;
    } else if (const char* problem = take_space_or_mark(text, pos, around)) {
      return {0, problem, {}};
    }
  }
  if (pos == size) return {0, kNotANumber, {}};

  number n = read_number(text, pos, decimal_mark);
  if (n.problem != nullptr) return {0, n.problem, {}};

  // After the number.
  for (pos = n.end; pos < size;) {
    if (text[pos] == ')') {
      if (!around.open || around.close) return {0, kNotANumber, {}};
      around.close = true;
      ++pos;
    } else if (const char* problem = take_space_or_mark(text, pos, around)) {
      return {0, problem, {}};
    }
  }
  if (around.open != around.close) return {0, kNotANumber, {}};
  if (n.misplaced) return {0, kSeparatorOutOfPlace, {}};
  auto cents = static_cast<cents_t>(n.cents);
  return {around.negative || around.open ? -cents : cents, nullptr, around.currency};
}

namespace {

// What one value of the sample says about the decimal mark.
enum class clue { none, dot, comma, ambiguous };

struct reading {
  clue what = clue::none;
  std::string why;
};

clue clue_for(char mark) { return mark == '.' ? clue::dot : clue::comma; }

// Whether `digits` can be the first group of a number grouped in thousands.
bool could_lead_group(std::string_view digits) {
  return !digits.empty() && digits.size() <= 3 && digits[0] != '0';
}

std::string_view trim(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return value;
}

reading read_clue(std::string_view value) {
  std::size_t dots = 0, commas = 0, last = std::string_view::npos;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '.' || value[i] == ',') {
      (value[i] == '.' ? dots : commas) += 1;
      last = i;
    }
  }
  if (last == std::string_view::npos) return {};
  const char sep = value[last];
  const char other = sep == '.' ? ',' : '.';
  if (dots > 0 && commas > 0) {
    return {clue_for(sep), fmt::format("\"{}\" has '{}' after '{}'", value, sep, other)};
  }
  if (dots + commas > 1) {
    return {clue_for(other), fmt::format("\"{}\" has '{}' more than once", value, sep)};
  }
  std::size_t after = 0;
  while (last + 1 + after < value.size() && is_digit(value[last + 1 + after])) ++after;
  std::size_t before = 0;
  while (before < last && is_digit(value[last - 1 - before])) ++before;
  if (after != 3) {
    return {clue_for(sep), fmt::format("\"{}\" has {} digit{} after '{}'", value, after,
                                       after == 1 ? "" : "s", sep)};
  }
  std::string_view lead = value.substr(last - before, before);
  if (!could_lead_group(lead)) {
    return {clue_for(sep), fmt::format("\"{}\" has 3 digits after '{}' and \"{}\" before it, "
                                       "which cannot lead a group of thousands",
                                       value, sep, lead)};
  }
  return {clue::ambiguous,
          fmt::format("\"{}\" has 3 digits after '{}', a group of thousands or 3 decimals", value,
                      sep)};
}

}  // namespace

decimal_mark_choice choose_decimal_mark(const std::vector<std::string_view>& sample) {
  reading dot, comma, ambiguous;  // the first value of each kind
  for (std::string_view value : sample) {
    if (parse_money(value, '.').problem != nullptr && parse_money(value, ',').problem != nullptr) {
      continue;  // blank, or no amount with either mark: the loader reports it
    }
    reading r = read_clue(trim(value));
    reading* first = r.what == clue::dot         ? &dot
                     : r.what == clue::comma     ? &comma
                     : r.what == clue::ambiguous ? &ambiguous
                                                 : nullptr;
    if (first != nullptr && first->what == clue::none) *first = std::move(r);
  }
  decimal_mark_choice choice;
  if (dot.what != clue::none && comma.what != clue::none) {
    choice.evidence = comma.why + "; " + dot.why;
    choice.problem = "the amounts mix decimal marks (" + comma.why + ", but " + dot.why +
                     "): neither the default '.' nor --decimal-comma reads them all";
  } else if (comma.what != clue::none) {
    choice.mark = ',';
    choice.evidence = comma.why;
  } else if (dot.what != clue::none) {
    choice.evidence = dot.why;
  } else if (ambiguous.what != clue::none) {
    choice.evidence = ambiguous.why;
    choice.problem = "no amount in the sample shows the decimal mark, and " + ambiguous.why +
                     ": set --decimal-point (1,234.50) or --decimal-comma (1.234,50)";
  } else {
    choice.evidence = "no amount in the sample has a decimal mark; '.' assumed";
  }
  return choice;
}

}  // namespace retain
