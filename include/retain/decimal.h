// Exact decimal numbers: money read from text into integer cents, and ratios of integer totals
// rounded half away from zero to a fixed number of places. No binary floating point anywhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace retain {

/// Wide enough for any product or sum of two int64 values.
__extension__ typedef __int128 wide_t;

/// Money in minor units: 1234 means 12.34.
using cents_t = std::int64_t;

/// A number with a fixed count of decimal places: {12345, 4} is 1.2345.
struct decimal {
  std::int64_t units = 0;
  int places = 0;
};

/// The result of reading an amount: cents, or the reason the text is not an amount.
struct money_result {
  cents_t cents = 0;
  const char* problem = nullptr;  ///< null on success; a static phrase such as "is not a number"
  std::string_view currency;      ///< STUB until the money branch lands
};

/// Reads "1234.5", "-3", "1,234.50" (commas only as thousands separators), "+7", "$12.00",
/// "-€5", "£1.5": at most 2 decimals (further zeros are allowed), never rounded; values beyond
/// ±92,233,720,368,547,758.07 are refused. With decimal_mark ',' the roles of ',' and '.' swap
/// ("1.234,50").
money_result parse_money(std::string_view text, char decimal_mark = '.');

/// Reads a whole number such as a line-item quantity ("3", "-2").
bool parse_count(std::string_view text, std::int64_t& value);

/// Adds with overflow detection: false when a + b does not fit.
bool checked_add(cents_t a, cents_t b, cents_t& sum);
bool checked_multiply(cents_t a, std::int64_t b, cents_t& product);

/// numerator / denominator rounded half away from zero to `places` decimals; denominator != 0.
/// Throws retain::error if the result does not fit in 64 bits (numerator within ±2^100).
decimal ratio(wide_t numerator, wide_t denominator, int places);

/// "12.34", "-0.05", "1.2345": plain digits with '.' as the decimal point.
std::string to_string(decimal value);
/// Cents as a decimal with 2 places.
inline decimal money(cents_t cents) { return {cents, 2}; }

}  // namespace retain
