#include "retain/pareto_nbd.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace retain;  // NOLINT

namespace {

// Fader and Hardie's CDNOW estimates (weeks).
const pareto_params kCdnow{0.553, 10.578, 0.606, 11.669};

// L multiplied out in long double, the integral from t_x to T by Simpson's rule on 20000
// intervals: independent of the 2F1 form under test.
long double by_quadrature(const pareto_params& p, long double x, long double t_x, long double T) {
  auto f = [&](long double y) {
    return std::pow(p.alpha + y, -(p.r + x)) * std::pow(p.beta + y, -(p.s + 1));
  };
  const int n = 20000;
  long double integral = 0;
  if (T > t_x) {
    const long double h = (T - t_x) / n;
    integral = f(t_x) + f(T);
    for (int i = 1; i < n; ++i) integral += (i % 2 == 1 ? 4 : 2) * f(t_x + i * h);
    integral *= h / 3;
  }
  const long double bracket =
      std::pow(p.alpha + T, -(p.r + x)) * std::pow(p.beta + T, -p.s) + p.s * integral;
  return std::lgamma(p.r + x) - std::lgamma((long double)p.r) +
         p.r * std::log((long double)p.alpha) + p.s * std::log((long double)p.beta) +
         std::log(bracket);
}

}  // namespace

TEST_CASE("The Pareto/NBD log-likelihood matches quadrature", "[pareto_nbd]") {
  const pareto_params beta_above{0.553, 10.578, 0.606, 30.0};
  const pareto_params equal{0.553, 10.578, 0.606, 10.578};
  for (const pareto_params& p : {kCdnow, beta_above, equal}) {
    for (double x : {0.0, 1.0, 4.0, 25.0}) {
      for (double t_x : {0.0, 12.5, 30.43, 38.86}) {
        if ((x == 0) != (t_x == 0)) continue;
        INFO(p.beta << " " << x << " " << t_x);
        const auto reference = static_cast<double>(by_quadrature(p, x, t_x, 38.86));
        CHECK(pareto_log_likelihood(p, x, t_x, 38.86).value == Approx(reference).epsilon(1e-11));
      }
    }
  }
}

TEST_CASE("The Pareto/NBD gradient matches central differences", "[pareto_nbd]") {
  const double h = 1e-6;
  for (const pareto_params& p : {kCdnow, pareto_params{0.553, 10.578, 0.606, 30.0}}) {
    for (double x : {0.0, 3.0}) {
      const double t_x = x > 0 ? 20 : 0;
      const auto at = pareto_log_likelihood(p, x, t_x, 38.86);
      for (std::size_t i = 0; i < 4; ++i) {
        pareto_params up = p, down = p;
        *(&up.r + i) += h;
        *(&down.r + i) -= h;
        const double numeric = (pareto_log_likelihood(up, x, t_x, 38.86).value -
                                pareto_log_likelihood(down, x, t_x, 38.86).value) /
                               (2 * h);
        INFO("beta " << p.beta << " x " << x << " parameter " << i);
        CHECK(at.gradient[i] == Approx(numeric).epsilon(1e-6).margin(1e-9));
      }
    }
  }
}

TEST_CASE("Pareto/NBD's P(alive) is within [0, 1] and 1 for a purchase at T", "[pareto_nbd]") {
  for (double x : {0.0, 1.0, 10.0, 1000.0, 100000.0}) {
    for (double t_x : {0.0, 5.0, 38.86}) {
      if ((x == 0) != (t_x == 0)) continue;
      const double p = pareto_p_alive(kCdnow, x, t_x, 38.86);
      CHECK(p >= 0);
      CHECK(p <= 1);
    }
  }
  CHECK(pareto_p_alive(kCdnow, 5, 38.86, 38.86) == 1);
  // A customer who has not bought for the whole of T is less likely alive at a larger T.
  CHECK(pareto_p_alive(kCdnow, 0, 0, 60) < pareto_p_alive(kCdnow, 0, 0, 30));
}

TEST_CASE("Pareto/NBD's expected purchases follow the closed form and rise with t",
          "[pareto_nbd]") {
  // x = 0: P(alive) = (alpha+T)^-r (beta+T)^-s / bracket; E = P (r)(beta+T)/((alpha+T)(s-1))
  // [1 - ((beta+T)/(beta+T+t))^(s-1)], here computed step by step in long double.
  const long double T = 38.86, t = 39;
  const long double alive = std::exp(static_cast<long double>(
      -kCdnow.r * std::log(kCdnow.alpha + 38.86) - kCdnow.s * std::log(kCdnow.beta + 38.86) -
      (pareto_log_likelihood(kCdnow, 0, 0, 38.86).value - kCdnow.r * std::log(kCdnow.alpha) -
       kCdnow.s * std::log(kCdnow.beta))));
  const long double e = alive * kCdnow.r * (kCdnow.beta + T) /
                        ((kCdnow.alpha + T) * (kCdnow.s - 1)) *
                        (1 - std::pow((kCdnow.beta + T) / (kCdnow.beta + T + t), kCdnow.s - 1));
  CHECK(pareto_expected(kCdnow, 0, 0, 38.86, 39) == Approx(static_cast<double>(e)).epsilon(1e-12));
  CHECK(pareto_expected(kCdnow, 2, 30, 38.86, 0) == 0);
  double before = 0;
  for (double horizon : {1.0, 39.0, 104.0, 1000.0}) {
    const double now = pareto_expected(kCdnow, 2, 30, 38.86, horizon);
    CHECK(now > before);
    before = now;
  }
  // s = 1 takes the limit (r+x)(beta+T)/(alpha+T) ln((beta+T+t)/(beta+T)) times P(alive).
  const pareto_params one{0.5, 10, 1, 12};
  const double limit =
      pareto_p_alive(one, 2, 30, 38.86) * 2.5 * 50.86 / 48.86 * std::log((50.86 + 39) / 50.86);
  CHECK(pareto_expected(one, 2, 30, 38.86, 39) == Approx(limit).epsilon(1e-12));
}

TEST_CASE("Pareto/NBD stays finite for thousands of purchases over ten years in days",
          "[pareto_nbd]") {
  const pareto_params days{0.553, 10.578 * 7, 0.606, 11.669 * 7};
  for (double x : {300.0, 3000.0, 100000.0}) {
    const auto ll = pareto_log_likelihood(days, x, 3000, 3652);
    CHECK(std::isfinite(ll.value));
    for (double g : ll.gradient) CHECK(std::isfinite(g));
    const double p = pareto_p_alive(days, x, 3000, 3652);
    CHECK(std::isfinite(p));
    CHECK(std::isfinite(pareto_expected(days, x, 3000, 3652, 365)));
  }
}
