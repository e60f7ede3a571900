#include "retain/decimal.h"

#include <catch2/catch.hpp>

#include <string>

using namespace retain;  // NOLINT

namespace {
cents_t cents_of(const char* text) {
  money_result r = parse_money(text);
  INFO(text);
  REQUIRE(r.problem == nullptr);
  return r.cents;
}
std::string problem_of(const char* text) {
  const char* p = parse_money(text).problem;
  return p == nullptr ? "ok" : p;
}
}  // namespace

TEST_CASE("Amounts are read into exact cents", "[decimal]") {
  CHECK(cents_of("1234.5") == 123450);
  CHECK(cents_of("-3") == -300);
  CHECK(cents_of("+7") == 700);
  CHECK(cents_of("0.07") == 7);
  CHECK(cents_of(".5") == 50);
  CHECK(cents_of("5.") == 500);
  CHECK(cents_of("1,234.50") == 123450);
  CHECK(cents_of("1,234,567") == 123456700);
  CHECK(cents_of(" 12.30 ") == 1230);
  CHECK(cents_of("$12.00") == 1200);
  CHECK(cents_of("-$12.00") == -1200);
  CHECK(cents_of("$-12.00") == -1200);
  CHECK(cents_of("€5") == 500);
  CHECK(cents_of("£1.5") == 150);
  CHECK(cents_of("12.5000") == 1250);  // further zeros lose nothing
  CHECK(cents_of("92233720368547758.07") == 9223372036854775807);
}

TEST_CASE("Amounts that are not exact numbers are refused", "[decimal]") {
  CHECK(problem_of("1.234") == "has more than 2 decimals");
  CHECK(problem_of("1e5") == "is not a number");
  CHECK(problem_of("NaN") == "is not a number");
  CHECK(problem_of("--5") == "is not a number");
  CHECK(problem_of("12,3x") == "is not a number");
  CHECK(problem_of("12,50") == "has a thousands separator out of place");
  CHECK(problem_of("1,23,456") == "has a thousands separator out of place");
  CHECK(problem_of(".") == "is not a number");
  CHECK(problem_of("") == "is empty");
  CHECK(problem_of("12 34") == "is not a number");
  CHECK(problem_of("99999999999999999999") == "is out of range");
  CHECK(problem_of("92233720368547758.08") == "is out of range");
}

TEST_CASE("A decimal comma swaps the roles of comma and point", "[decimal]") {
  CHECK(parse_money("1.234,50", ',').cents == 123450);
  CHECK(parse_money("12,5", ',').cents == 1250);
  CHECK(parse_money("-0,07", ',').cents == -7);
  CHECK(std::string(parse_money("1,234.50", ',').problem) == "has more than 2 decimals");
  CHECK(std::string(parse_money("12,345", ',').problem) == "has more than 2 decimals");
}

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
