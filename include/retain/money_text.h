// Money as shop exports write it ("1 234,50 €", "($12.00)", "USD 1,234.50") read into exact cents
// and the currency the text names; and the decimal mark of an amount column, decided from a sample.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retain/decimal.h"

namespace retain {

/// The result of reading an amount: cents and currency, or the reason the text is not an amount.
struct money_result {
  cents_t cents = 0;
  const char* problem = nullptr;  ///< null on success; a static phrase such as "is not a number"
  /// The currency the text names: an ISO code ("EUR", "USD"), or the sign as written when it names
  /// no single currency ("$", "¥", "kr"); empty when none. Static storage, never a view of the
  /// text.
  std::string_view currency;
};

/// Reads an amount into cents, exactly (never rounded), in the forms the exports write.
///
/// The number: digits with at most one decimal mark ("1234.5", ".5", "5."); at most 2 decimals,
/// further ones only zeros ("12.5000"). Thousands separators may group the whole part: the other
/// mark (',' when decimal_mark is '.', '.' when it is ','), a space, U+00A0 or U+202F (no-break
/// spaces), an apostrophe ' or U+2019 ("1'234.50"): one kind per number, a first group of 1 to 3
/// digits not starting with 0, then groups of exactly 3. A space separates groups only when a digit
/// follows it; otherwise it ends the number ("12 €").
///
/// Around the number, in any order and each at most once, with or without spaces (' ', tab,
/// U+00A0, U+202F) between them: a sign '-' or '+'; parentheses around the amount for a negative
/// ("(12.00)", "($12.00)", "$(12.00)", never with a sign); one currency mark, before or after.
/// A space may follow the sign: "- 12.00" is -12.00 (nothing else could be meant).
///
/// Currency marks and what `currency` holds:
/// - three ASCII letters, any case: the code in uppercase ("usd 5" -> "USD", "CHF", "EUR");
/// - € EUR, £ GBP, ₹ INR, zł PLN, US$ USD, R$ BRL, A$ and AU$ AUD, C$ and CA$ CAD, NZ$ NZD,
///   HK$ HKD;
/// - $, ¥ and kr as written: each names several currencies.
///
/// Refused, with `problem`:
/// - "is empty": nothing but spaces;
/// - "is not a number": anything else, such as "1e5", "NaN", "--5", "-(5)", "12-", "12 EU",
///   "Fr. 5" ("Fr." and "kr." with a point are not read: the point is a decimal mark);
/// - "has more than 2 decimals": "1.234" ('.'), "12,345" (',');
/// - "has a thousands separator out of place": "12,50" ('.'), "1,23,456", "0,123", "1,234'567";
/// - "has two currency marks": "$12 EUR", "€12 €";
/// - "is out of range": beyond ±92,233,720,368,547,758.07.
money_result parse_money(std::string_view text, char decimal_mark = '.');

/// The decimal mark of an amount column, and why.
struct decimal_mark_choice {
  char mark = '.';       ///< '.' or ','
  std::string evidence;  ///< for the run's summary, e.g. "\"12,50\" has 2 digits after ','"
  /// Non-empty when the sample cannot decide and the choice would change a number: a one-line
  /// reason naming --decimal-point and --decimal-comma.
  std::string problem;
};

/// Decides the decimal mark from a sample of an amount column. Values that parse_money reads with
/// neither mark (blank, garbage) are ignored. A value decides the mark when:
/// - it holds both '.' and ',': the last one ("1.234,50" -> ',');
/// - it holds one of them more than once: the other one ("1.234.567" -> ',');
/// - its one '.' or ',' is followed by other than 3 digits ("12,5", "12.50", "12.5000");
/// - its one '.' or ',' is followed by 3 digits after digits that cannot be a group of thousands
///   ("1234,560", "0,120").
/// A lone separator followed by 3 digits after 1 to 3 digits ("1,234", "1.230") is ambiguous.
/// Deciders of one mark rule over ambiguous values; deciders of both marks are a problem. With no
/// decider the mark is '.', and a problem when some value is ambiguous.
decimal_mark_choice choose_decimal_mark(const std::vector<std::string_view>& sample);

}  // namespace retain
