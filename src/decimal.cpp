#include "retain/decimal.h"

#include <fmt/format.h>

#include <limits>

#include "retain/error.h"

namespace retain {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void trim(std::string_view& text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
}

bool take_sign(std::string_view& text, bool& negative) {
  if (text.empty() || (text.front() != '-' && text.front() != '+')) return false;
  negative = text.front() == '-';
  text.remove_prefix(1);
  return true;
}

// Appends one digit to an unsigned magnitude; false on overflow past int64's range.
bool push_digit(std::uint64_t& value, char c) {
  constexpr std::uint64_t kLimit = std::numeric_limits<std::int64_t>::max();
  if (value > (kLimit - (c - '0')) / 10) return false;
  value = value * 10 + (c - '0');
  return true;
}

}  // namespace

bool parse_count(std::string_view text, std::int64_t& value) {
  trim(text);
  bool negative = false;
  take_sign(text, negative);
  if (text.empty()) return false;
  std::uint64_t magnitude = 0;
  for (char c : text) {
    if (!is_digit(c) || !push_digit(magnitude, c)) return false;
  }
  value = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
  return true;
}

bool checked_add(cents_t a, cents_t b, cents_t& sum) { return !__builtin_add_overflow(a, b, &sum); }

bool checked_multiply(cents_t a, std::int64_t b, cents_t& product) {
  return !__builtin_mul_overflow(a, b, &product);
}

decimal ratio(wide_t numerator, wide_t denominator, int places) {
  for (int i = 0; i < places; ++i) numerator *= 10;
  bool negative = (numerator < 0) != (denominator < 0);
  if (numerator < 0) numerator = -numerator;
  if (denominator < 0) denominator = -denominator;
  wide_t quotient = numerator / denominator;
  if ((numerator % denominator) * 2 >= denominator) ++quotient;
  if (negative) quotient = -quotient;
  if (quotient > std::numeric_limits<std::int64_t>::max() ||
      quotient < std::numeric_limits<std::int64_t>::min()) {
    throw error("a ratio is too large to print exactly");
  }
  return {static_cast<std::int64_t>(quotient), places};
}

std::string to_string(decimal value) {
  if (value.places == 0) return fmt::format_int(value.units).str();
  std::uint64_t magnitude = value.units < 0 ? 0 - static_cast<std::uint64_t>(value.units)
                                            : static_cast<std::uint64_t>(value.units);
  std::uint64_t scale = 1;
  for (int i = 0; i < value.places; ++i) scale *= 10;
  // fmt::format_int rather than fmt::format: a report may print millions of these.
  const fmt::format_int whole(magnitude / scale);
  const fmt::format_int fraction(magnitude % scale);
  std::string out;
  out.reserve(whole.size() + static_cast<std::size_t>(value.places) + 2);
  if (value.units < 0) out.push_back('-');
  out.append(whole.data(), whole.size());
  out.push_back('.');
  out.append(static_cast<std::size_t>(value.places) - fraction.size(), '0');
  out.append(fraction.data(), fraction.size());
  return out;
}

}  // namespace retain
