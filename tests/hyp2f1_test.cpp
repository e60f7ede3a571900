#include "retain/hyp2f1.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "retain/error.h"

using namespace retain;  // NOLINT

namespace {

// The series summed slowly in long double for 20000 terms: an independent reference.
long double slow_2f1(long double a, long double b, long double c, long double z) {
  long double sum = 1, term = 1;
  for (int k = 0; k < 20000; ++k) {
    term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
    sum += term;
  }
  return sum;
}

}  // namespace

TEST_CASE("2F1 matches closed forms", "[hyp2f1]") {
  for (double z : {0.0, 0.1, 0.5, 0.9, 0.99}) {
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z; 2F1(a, b; b; z) = (1 - z)^-a.
    const double log_form = z == 0 ? 1 : -std::log1p(-z) / z;
    CHECK(hyp2f1(1, 1, 2, z).value == Approx(log_form).epsilon(1e-13));
    CHECK(hyp2f1(0.7, 2.5, 2.5, z).value == Approx(std::pow(1 - z, -0.7)).epsilon(1e-13));
  }
}

TEST_CASE("2F1 matches a slow long double series on a grid", "[hyp2f1]") {
  for (double a : {-0.9, 0.3, 1.0, 4.5}) {
    for (double b : {-0.2, 0.6, 3.0}) {
      for (double c : {0.8, 2.5, 40.0, 3000.0}) {
        for (double z : {0.05, 0.4, 0.8, 0.95}) {
          INFO(a << " " << b << " " << c << " " << z);
          const auto reference = static_cast<double>(slow_2f1(a, b, c, z));
          CHECK(hyp2f1(a, b, c, z).value == Approx(reference).epsilon(1e-12));
        }
      }
    }
  }
}

TEST_CASE("2F1's derivatives match central differences", "[hyp2f1]") {
  const double a = 1, b = 2.3, c = 5.7, z = 0.6, h = 1e-6;
  const hyp2f1_value f = hyp2f1(a, b, c, z);
  CHECK(f.d_b == Approx((hyp2f1(a, b + h, c, z).value - hyp2f1(a, b - h, c, z).value) / (2 * h))
                     .epsilon(1e-7));
  CHECK(f.d_c == Approx((hyp2f1(a, b, c + h, z).value - hyp2f1(a, b, c - h, z).value) / (2 * h))
                     .epsilon(1e-7));
  CHECK(f.d_z == Approx((hyp2f1(a, b, c, z + h).value - hyp2f1(a, b, c, z - h).value) / (2 * h))
                     .epsilon(1e-7));
}

TEST_CASE("2F1 refuses a series that does not converge in a million terms", "[hyp2f1]") {
  REQUIRE_THROWS_WITH(hyp2f1(1, 1, 1.5, 1 - 1e-9),
                      "the hypergeometric series 2F1(1, 1; 1.5; 0.999999999) does not converge");
}

TEST_CASE("2F1 without its derivatives is the same value, bit for bit", "[hyp2f1]") {
  for (double z : {0.0, 0.3, 0.87, 0.999}) {
    for (double c : {0.6, 2.0, 40.5}) {
      INFO("z " << z << " c " << c);
      CHECK(hyp2f1_sum(1.3, -0.2, c, z) == hyp2f1(1.3, -0.2, c, z).value);
      CHECK(hyp2f1_sum(0.4, 2.5, c, z) == hyp2f1(0.4, 2.5, c, z).value);
    }
  }
  REQUIRE_THROWS_WITH(hyp2f1_sum(1, 1, 1, 0.99999999),
                      "the hypergeometric series 2F1(1, 1; 1; 0.99999999) does not converge");
}
