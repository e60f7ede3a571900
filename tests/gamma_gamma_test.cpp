#include "retain/gamma_gamma.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace retain;  // NOLINT

namespace {

const gamma_gamma_params kCdnow{6.25, 3.74, 15.44};

// The density of the mean of x purchases multiplied out: gamma^q Gamma(px+q) / (Gamma(px)
// Gamma(q)) m^(px-1) x^(px) / (gamma + x m)^(px+q), in long double.
long double direct(const gamma_gamma_params& g, long double x, long double m) {
  const long double px = g.p * x;
  return std::pow((long double)g.gamma, (long double)g.q) * std::tgamma(px + g.q) /
         (std::tgamma(px) * std::tgamma((long double)g.q)) * std::pow(m, px - 1) * std::pow(x, px) /
         std::pow(g.gamma + x * m, px + g.q);
}

}  // namespace

TEST_CASE("The Gamma-Gamma log-likelihood matches the density multiplied out", "[gamma_gamma]") {
  for (double x : {1.0, 2.0, 6.0}) {
    for (double m : {3.5, 22.35, 150.0}) {
      INFO(x << " " << m);
      CHECK(gamma_gamma_log_likelihood(kCdnow, x, m).value ==
            Approx(std::log(static_cast<double>(direct(kCdnow, x, m)))).epsilon(1e-12));
    }
  }
}

TEST_CASE("The Gamma-Gamma gradient matches central differences", "[gamma_gamma]") {
  const double h = 1e-6;
  const auto at = gamma_gamma_log_likelihood(kCdnow, 3, 40);
  for (std::size_t i = 0; i < 3; ++i) {
    gamma_gamma_params up = kCdnow, down = kCdnow;
    *(&up.p + i) += h;
    *(&down.p + i) -= h;
    const double numeric = (gamma_gamma_log_likelihood(up, 3, 40).value -
                            gamma_gamma_log_likelihood(down, 3, 40).value) /
                           (2 * h);
    CHECK(at.gradient[i] == Approx(numeric).epsilon(1e-6));
  }
}

TEST_CASE("Gamma-Gamma's expected spend weighs the population mean and the customer's",
          "[gamma_gamma]") {
  // Population mean gamma p / (q - 1) = 15.44 * 6.25 / 2.74 = 35.2190; x = 0 gives it.
  CHECK(gamma_gamma_expected_spend(kCdnow, 0, 0) == Approx(96.5 / 2.74).epsilon(1e-12));
  // x = 2, m = 22.35: (15.44 * 6.25 + 6.25 * 2 * 22.35) / (12.5 + 2.74) = 375.875 / 15.24.
  CHECK(gamma_gamma_expected_spend(kCdnow, 2, 22.35) == Approx(375.875 / 15.24).epsilon(1e-12));
  // Many purchases: the customer's own mean.
  CHECK(gamma_gamma_expected_spend(kCdnow, 10000, 22.35) == Approx(22.35).epsilon(1e-3));
}
