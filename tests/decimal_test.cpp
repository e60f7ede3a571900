#include "retain/decimal.h"

#include <catch2/catch.hpp>

#include <string>

using namespace retain;  // NOLINT

TEST_CASE("Whole counts are read with a sign", "[decimal]") {
  std::int64_t n = 0;
  CHECK((parse_count("-12", n) && n == -12));
  CHECK((parse_count("3", n) && n == 3));
  CHECK_FALSE(parse_count("1.5", n));
  CHECK_FALSE(parse_count("", n));
  CHECK_FALSE(parse_count("99999999999999999999", n));
}

TEST_CASE("Sums and products report overflow", "[decimal]") {
  cents_t out = 0;
  CHECK(checked_add(1, 2, out));
  CHECK(out == 3);
  CHECK_FALSE(checked_add(INT64_MAX, 1, out));
  CHECK_FALSE(checked_multiply(INT64_MAX / 2, 3, out));
  CHECK(checked_multiply(-250, 4, out));
  CHECK(out == -1000);
}

TEST_CASE("Ratios round half away from zero", "[decimal]") {
  CHECK(to_string(ratio(1, 3, 4)) == "0.3333");
  CHECK(to_string(ratio(2, 3, 4)) == "0.6667");
  CHECK(to_string(ratio(1, 8, 2)) == "0.13");    // 0.125 -> 0.13
  CHECK(to_string(ratio(-1, 8, 2)) == "-0.13");  // -0.125 -> -0.13
  CHECK(to_string(ratio(5, 2, 0)) == "3");
  CHECK(to_string(ratio(-5, 2, 0)) == "-3");
  CHECK(to_string(ratio(7, 7, 4)) == "1.0000");
  CHECK(to_string(money(-5)) == "-0.05");
  CHECK(to_string(money(123456)) == "1234.56");
  CHECK(ratio(INT64_MIN, 1, 0).units == INT64_MIN);
  CHECK_THROWS_WITH(ratio(INT64_MIN, -1, 0), "a ratio is too large to print exactly");
  CHECK_THROWS_WITH(ratio(INT64_MAX, 1, 4), "a ratio is too large to print exactly");
}
