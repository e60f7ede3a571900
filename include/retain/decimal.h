// Exact decimal numbers: money in integer cents, checked sums and products, and ratios of integer
// totals rounded half away from zero to a fixed number of places. No binary floating point
// anywhere. Money is read from text in money_text.h.
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
