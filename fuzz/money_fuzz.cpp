// Fuzzes money_text.h (parse_money with both decimal marks, choose_decimal_mark) and the exact
// arithmetic of decimal.h: parse_count, to_string, ratio and the checked arithmetic.
//
// Invariants checked:
// - parse_money(t, '.') and parse_money(t', ',') agree exactly, cents, currency and problem,
//   where t' is t with '.' and ',' swapped (the two marks only swap roles);
// - when choose_decimal_mark({t}) chooses a mark without a problem, that mark reads t whenever
//   either mark does;
// - a successful parse of t gives cents c with parse_money(to_string(money(c))) == c, also in
//   decimal-comma form ("-1234,56"); only INT64_MIN cents has no positive counterpart and is
//   skipped;
// - a successful parse_count gives v with parse_count(std::to_string(v)) == v, and
//   parse_money of the same text gives v * 100 cents whenever that fits;
// - ratio(n, d, places) is n * 10^places / d rounded half away from zero, for the int64 n, d the
//   input's first 16 bytes spell;
// - checked_add and checked_multiply agree with 128-bit arithmetic.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

#include "retain/decimal.h"
#include "retain/error.h"
#include "retain/money_text.h"

namespace {

[[noreturn]] void fail(const char* what, std::string_view text, const std::string& detail) {
  std::fprintf(stderr, "money_fuzz: %s\n  input: \"%.*s\"\n  %s\n", what,
               static_cast<int>(text.size()), text.data(), detail.c_str());
  std::abort();
}

std::string describe(const retain::money_result& r) {
  return r.problem
             ? std::string("error: ") + r.problem
             : "cents " + std::to_string(r.cents) + " currency \"" + std::string(r.currency) + "\"";
}

std::string swap_marks(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '.') {
      c = ',';
    } else if (c == ',') {
      c = '.';
    }
  }
  return out;
}

void check_money(std::string_view text) {
  const retain::money_result dot = retain::parse_money(text, '.');
  const std::string swapped = swap_marks(text);
  const retain::money_result comma = retain::parse_money(swapped, ',');
  if ((dot.problem == nullptr) != (comma.problem == nullptr) ||
      (dot.problem == nullptr && (dot.cents != comma.cents || dot.currency != comma.currency)) ||
      (dot.problem != nullptr && std::strcmp(dot.problem, comma.problem) != 0)) {
    fail("decimal marks disagree", text, describe(dot) + " vs " + describe(comma));
  }
  if (dot.problem != nullptr) {
    if (*dot.problem == '\0') fail("empty problem text", text, "");
    return;
  }
  if (dot.cents == std::numeric_limits<std::int64_t>::min()) return;
  const std::string printed = retain::to_string(retain::money(dot.cents));
  const retain::money_result again = retain::parse_money(printed, '.');
  if (again.problem != nullptr || again.cents != dot.cents) {
    fail("to_string(money(cents)) does not parse back", text,
         describe(dot) + " printed " + printed + " read " + describe(again));
  }
  const retain::money_result again_comma = retain::parse_money(swap_marks(printed), ',');
  if (again_comma.problem != nullptr || again_comma.cents != dot.cents) {
    fail("decimal-comma form does not parse back", text,
         describe(dot) + " printed " + swap_marks(printed) + " read " + describe(again_comma));
  }
}

void check_decimal_mark(std::string_view text) {
  const retain::decimal_mark_choice choice = retain::choose_decimal_mark({text});
  if (choice.mark != '.' && choice.mark != ',') fail("choose_decimal_mark: no mark", text, "");
  if (choice.evidence.empty()) fail("choose_decimal_mark: no evidence", text, "");
  if (!choice.problem.empty()) return;
  const bool read_by_either = retain::parse_money(text, '.').problem == nullptr ||
                              retain::parse_money(text, ',').problem == nullptr;
  const retain::money_result chosen = retain::parse_money(text, choice.mark);
  if (read_by_either && chosen.problem != nullptr) {
    fail("the chosen decimal mark does not read the value", text,
         std::string("mark '") + choice.mark + "': " + describe(chosen) + "; " + choice.evidence);
  }
}

void check_count(std::string_view text) {
  std::int64_t value = 0;
  if (!retain::parse_count(text, value)) return;
  std::int64_t again = 0;
  const std::string printed = std::to_string(value);
  if (!retain::parse_count(printed, again) || again != value) {
    fail("parse_count does not read its own output", text, printed);
  }
  const retain::money_result money = retain::parse_money(text, '.');
  const retain::wide_t expected = retain::wide_t{value} * 100;
  const bool fits = expected <= std::numeric_limits<std::int64_t>::max() &&
                    expected >= -std::numeric_limits<std::int64_t>::max();
  if (fits && (money.problem != nullptr || money.cents != static_cast<std::int64_t>(expected))) {
    fail("a count is not the same amount of money", text, printed + " vs " + describe(money));
  }
}

void check_arithmetic(const std::uint8_t* data, std::size_t size) {
  if (size < 17) return;
  std::int64_t a, b;
  std::memcpy(&a, data, 8);
  std::memcpy(&b, data + 8, 8);
  const int places = data[16] % 5;

  const retain::wide_t wide_sum = retain::wide_t{a} + b;
  const retain::wide_t wide_product = retain::wide_t{a} * b;
  retain::cents_t sum = 0, product = 0;
  const bool sum_fits = wide_sum == static_cast<std::int64_t>(wide_sum);
  const bool product_fits = wide_product == static_cast<std::int64_t>(wide_product);
  if (retain::checked_add(a, b, sum) != sum_fits || (sum_fits && sum != wide_sum)) {
    fail("checked_add", "", std::to_string(a) + " + " + std::to_string(b));
  }
  if (retain::checked_multiply(a, b, product) != product_fits ||
      (product_fits && product != wide_product)) {
    fail("checked_multiply", "", std::to_string(a) + " * " + std::to_string(b));
  }

  // The metrics call ratio with totals that fit in int64 and places 0..4; n * 10^4 then still
  // fits in 128 bits.
  if (b == 0) return;
  retain::wide_t scaled = a;
  for (int i = 0; i < places; ++i) scaled *= 10;
  const retain::wide_t exact = scaled / b;  // truncated toward zero
  const bool fits = exact <= std::numeric_limits<std::int64_t>::max() - 1 &&
                    exact >= std::numeric_limits<std::int64_t>::min() + 1;
  retain::decimal r;
  try {
    r = retain::ratio(a, b, places);
  } catch (const retain::error&) {  // refused as too large: right only if it does not fit
    if (fits) fail("ratio", "", std::to_string(a) + " / " + std::to_string(b) + " threw");
    return;
  }
  if (!fits) return;  // at the edge of the result type either answer is right
  // |r * b - scaled| <= |b| / 2; on a tie r is the candidate away from zero, not the truncation.
  const retain::wide_t error = retain::wide_t{r.units} * b - scaled;
  const retain::wide_t abs_error = error < 0 ? -error : error;
  const retain::wide_t abs_b = b < 0 ? -retain::wide_t{b} : retain::wide_t{b};
  const bool tie = abs_error * 2 == abs_b;
  if (r.places != places || abs_error * 2 > abs_b || (tie && r.units == exact)) {
    fail("ratio", "",
         std::to_string(a) + " / " + std::to_string(b) + " places " + std::to_string(places) +
             " gave " + std::to_string(r.units));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_money(text);
  check_decimal_mark(text);
  check_count(text);
  check_arithmetic(data, size);
  return 0;
}
