#include "retain/clv.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace retain;  // NOLINT

namespace {

// One purchase a week: E(t) = t (weeks); a month is 365.25 / 12 / 7 weeks.
const double kMonth = 365.25 / 12 / 7;
double weekly(double t) { return t; }

}  // namespace

TEST_CASE("CLV is 0 over a horizon of 0", "[clv]") {
  CHECK(clv(weekly, 20, {0, kMonth, 0.1}) == 0);
  CHECK(clv(weekly, 20, {0, kMonth, 0}) == 0);
}

TEST_CASE("CLV without discounting is spend times the expected purchases", "[clv]") {
  CHECK(clv(weekly, 20, {52, kMonth, 0}) == 20 * 52);
}

TEST_CASE("CLV discounts each month's revenue by the monthly rate", "[clv]") {
  // Two months at an annual 12.6825% (monthly 1%): 20 * kMonth * (1/1.01 + 1/1.01^2).
  const double annual = std::pow(1.01, 12) - 1;
  CHECK(clv(weekly, 20, {2 * kMonth, kMonth, annual}) ==
        Approx(20 * kMonth * (1 / 1.01 + 1 / (1.01 * 1.01))).epsilon(1e-12));
  // A horizon of 1.5 months: the last step is half a month, discounted as month 2.
  CHECK(clv(weekly, 20, {1.5 * kMonth, kMonth, annual}) ==
        Approx(20 * kMonth * (1 / 1.01 + 0.5 / (1.01 * 1.01))).epsilon(1e-12));
}

TEST_CASE("CLV falls as the discount rate rises", "[clv]") {
  double before = clv(weekly, 20, {52, kMonth, 0});
  for (double rate : {0.01, 0.1, 0.5, 2.0}) {
    const double now = clv(weekly, 20, {52, kMonth, rate});
    CHECK(now < before);
    before = now;
  }
}
