#include "retain/bgnbd.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace retain;  // NOLINT

namespace {

// The paper's CDNOW estimates (weeks).
const bgnbd_params kCdnow{0.243, 4.414, 0.793, 2.426};

// The likelihood of the paper's eq. 6, multiplied out in long double with tgamma: independent
// of the log-space form under test (small x only).
long double direct_likelihood(const bgnbd_params& p, long double x, long double t_x,
                              long double T) {
  auto beta = [](long double u, long double v) {
    return std::tgamma(u) * std::tgamma(v) / std::tgamma(u + v);
  };
  const long double common =
      std::tgamma(p.r + x) * std::pow((long double)p.alpha, p.r) / std::tgamma((long double)p.r);
  const long double first = beta(p.a, p.b + x) / beta(p.a, p.b) * std::pow(p.alpha + T, -(p.r + x));
  const long double second =
      x > 0 ? beta(p.a + 1, p.b + x - 1) / beta(p.a, p.b) * std::pow(p.alpha + t_x, -(p.r + x))
            : 0.0L;
  return common * (first + second);
}

// The paper's eq. 10 as written: the direct 2F1 in long double, no transformation.
long double direct_expected(const bgnbd_params& p, long double x, long double t_x, long double T,
                            long double t) {
  const long double z = t / (p.alpha + T + t);
  long double sum = 1, term = 1;
  for (int k = 0; k < 20000; ++k) {
    term *= (p.r + x + k) * (p.b + x + k) / ((p.a + p.b + x - 1 + k) * (k + 1)) * z;
    sum += term;
  }
  const long double bracket = 1 - std::pow((p.alpha + T) / (p.alpha + T + t), p.r + x) * sum;
  const long double odds =
      x > 0 ? p.a / (p.b + x - 1) * std::pow((p.alpha + T) / (p.alpha + t_x), p.r + x) : 0.0L;
  return (p.a + p.b + x - 1) / (p.a - 1) * bracket / (1 + odds);
}

}  // namespace

TEST_CASE("The BG/NBD log-likelihood matches the likelihood multiplied out", "[bgnbd]") {
  for (double x : {0.0, 1.0, 2.0, 7.0, 20.0}) {
    for (double t_x : {0.0, 5.5, 30.43}) {
      if ((x == 0) != (t_x == 0)) continue;
      INFO(x << " " << t_x);
      const double direct = std::log(static_cast<double>(direct_likelihood(kCdnow, x, t_x, 38.86)));
      CHECK(bgnbd_log_likelihood(kCdnow, x, t_x, 38.86).value == Approx(direct).epsilon(1e-12));
    }
  }
}

TEST_CASE("The BG/NBD gradient matches central differences", "[bgnbd]") {
  const double h = 1e-6;
  for (double x : {0.0, 3.0}) {
    const double t_x = x > 0 ? 20 : 0;
    const auto at = bgnbd_log_likelihood(kCdnow, x, t_x, 38.86);
    for (std::size_t i = 0; i < 4; ++i) {
      bgnbd_params up = kCdnow, down = kCdnow;
      double* u = &up.r + i;
      double* d = &down.r + i;
      *u += h;
      *d -= h;
      const double numeric = (bgnbd_log_likelihood(up, x, t_x, 38.86).value -
                              bgnbd_log_likelihood(down, x, t_x, 38.86).value) /
                             (2 * h);
      INFO("x " << x << " parameter " << i);
      CHECK(at.gradient[i] == Approx(numeric).epsilon(1e-6).margin(1e-8));
    }
  }
}

TEST_CASE("BG/NBD reproduces the paper's worked example", "[bgnbd]") {
  // Fader, Hardie and Lee (2005), section 5: x = 2, t_x = 30.43, T = 38.86 expects 1.226
  // purchases in the next 39 weeks.
  CHECK(bgnbd_expected(kCdnow, 2, 30.43, 38.86, 39) == Approx(1.226).margin(0.0005));
}

TEST_CASE("BG/NBD's transformed expectation matches the direct series", "[bgnbd]") {
  for (double x : {0.0, 1.0, 5.0, 30.0}) {
    for (double t : {1.0, 39.0, 200.0}) {
      const double t_x = x > 0 ? 25 : 0;
      INFO(x << " " << t);
      CHECK(bgnbd_expected(kCdnow, x, t_x, 38.86, t) ==
            Approx(static_cast<double>(direct_expected(kCdnow, x, t_x, 38.86, t))).epsilon(1e-10));
    }
  }
}

TEST_CASE("BG/NBD's P(alive) is 1 without repeat purchases and within [0, 1]", "[bgnbd]") {
  CHECK(bgnbd_p_alive(kCdnow, 0, 0, 38.86) == 1);
  for (double x : {1.0, 5.0, 100.0, 5000.0}) {
    for (double t_x : {0.5, 20.0, 38.86}) {
      const double p = bgnbd_p_alive(kCdnow, x, t_x, 38.86);
      CHECK(p >= 0);
      CHECK(p <= 1);
    }
  }
  // A recent buyer is more likely alive than one who stopped long ago.
  CHECK(bgnbd_p_alive(kCdnow, 4, 38, 38.86) > bgnbd_p_alive(kCdnow, 4, 10, 38.86));
  // 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) by hand for x = 2, t_x = 30.43:
  // 0.793/3.426 * (43.274/34.844)^2.243 = 0.376314 -> 1 / 1.376314 = 0.726579.
  CHECK(bgnbd_p_alive(kCdnow, 2, 30.43, 38.86) == Approx(0.726579).margin(1e-6));
}

TEST_CASE("BG/NBD's expected purchases rise with the horizon from 0", "[bgnbd]") {
  CHECK(bgnbd_expected(kCdnow, 3, 20, 38.86, 0) == 0);
  double before = 0;
  for (double t : {1.0, 10.0, 52.0, 104.0, 520.0}) {
    const double e = bgnbd_expected(kCdnow, 3, 20, 38.86, t);
    CHECK(e > before);
    before = e;
  }
  CHECK(bgnbd_expected_new(kCdnow, 0) == 0);
  CHECK(bgnbd_expected_new(kCdnow, 78) > bgnbd_expected_new(kCdnow, 39));
}

TEST_CASE("BG/NBD stays finite for thousands of purchases over ten years in days", "[bgnbd]") {
  const bgnbd_params days{0.243, 4.414 * 7, 0.793, 2.426};
  for (double x : {1000.0, 3000.0, 100000.0}) {
    for (double t_x : {3000.0, 3600.0, 3651.0}) {
      const auto ll = bgnbd_log_likelihood(days, x, t_x, 3652);
      CHECK(std::isfinite(ll.value));
      for (double g : ll.gradient) CHECK(std::isfinite(g));
      const double p = bgnbd_p_alive(days, x, t_x, 3652);
      CHECK(p >= 0);
      CHECK(p <= 1);
      CHECK(std::isfinite(bgnbd_expected(days, x, t_x, 3652, 365)));
    }
    // A customer who bought every few days, the last time today: about x / T purchases a day
    // ahead (less the chance to drop out after each one).
    const double e = bgnbd_expected(days, x, 3652, 3652, 365);
    CHECK(e == Approx(x / 3652 * 365).epsilon(0.1));
    // Silent for 52 days after buying every 3.7 days: almost surely gone.
    CHECK(bgnbd_p_alive(days, 1000, 3600, 3652) < 0.001);
  }
}
