#include "retain/bgnbd.h"

#include <algorithm>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

#include "retain/hyp2f1.h"

namespace retain {
namespace {

using boost::math::digamma;
using boost::math::lgamma;

// 1 - (1 - z)^e * 2F1(A, B; C; z), with z = t / (base + t); 0 when t is 0.
double one_minus_series(double e, double A, double B, double C, double base, double t) {
  if (t <= 0) return 0;
  const double z = t / (base + t);
  const double log_factor = e * std::log(base / (base + t));
  return 1 - std::exp(log_factor) * hyp2f1_sum(A, B, C, z);
}

}  // namespace

bgnbd_frequency_terms bgnbd_frequency(const bgnbd_params& p, double x) {
  const double rx = p.r + x;
  const double ab = p.a + p.b;
  bgnbd_frequency_terms f;
  f.x = x;
  // ln Gamma(r+x) - ln Gamma(r) + r ln alpha + ln B(a, b+x) - ln B(a, b)
  f.head.value = lgamma(rx) - lgamma(p.r) + p.r * std::log(p.alpha) + lgamma(p.b + x) -
                 lgamma(ab + x) - lgamma(p.b) + lgamma(ab);
  f.head.gradient = {digamma(rx) - digamma(p.r) + std::log(p.alpha), p.r / p.alpha,
                     digamma(ab) - digamma(ab + x),
                     digamma(p.b + x) - digamma(ab + x) - digamma(p.b) + digamma(ab)};
  if (x > 0) f.log_drop = std::log(p.a / (p.b + x - 1));
  return f;
}

with_gradient<4> bgnbd_log_likelihood(const bgnbd_params& p, double x, double t_x, double T) {
  return bgnbd_log_likelihood(p, bgnbd_frequency(p, x), t_x, T, std::log(p.alpha + t_x),
                              std::log(p.alpha + T));
}

with_gradient<4> bgnbd_log_likelihood(const bgnbd_params& p, const bgnbd_frequency_terms& f,
                                      double t_x, double T, double log_alpha_tx,
                                      double log_alpha_T) {
  const double x = f.x;
  const double rx = p.r + x;
  with_gradient<4> out = f.head;
  // ln[A1 + A2]: A1 = (alpha+T)^-(r+x); A2 = a/(b+x-1) (alpha+t_x)^-(r+x) when x > 0.
  const double log_T = log_alpha_T;
  const double log_a1 = -rx * log_T;
  if (x <= 0) {
    out.value += log_a1;
    out.gradient[0] -= log_T;
    out.gradient[1] -= rx / (p.alpha + T);
    return out;
  }
  const double log_tx = log_alpha_tx;
  const double log_a2 = f.log_drop - rx * log_tx;
  // The larger term scaled to exactly 1, the smaller to e^-(their distance).
  const bool first_larger = log_a1 >= log_a2;
  const double high = first_larger ? log_a1 : log_a2;
  const double e1 = first_larger ? 1 : std::exp(log_a1 - high);
  const double e2 = first_larger ? std::exp(log_a2 - high) : 1;
  const double sum = e1 + e2;
  out.value += high + std::log(sum);
  const double w1 = e1 / sum;  // the terms' shares
  const double w2 = e2 / sum;
  out.gradient[0] -= w1 * log_T + w2 * log_tx;
  out.gradient[1] -= rx * (w1 / (p.alpha + T) + w2 / (p.alpha + t_x));
  out.gradient[2] += w2 / p.a;
  out.gradient[3] -= w2 / (p.b + x - 1);
  return out;
}

double bgnbd_p_alive(const bgnbd_params& p, double x, double t_x, double T) {
  if (x <= 0) return 1;
  const double log_odds =
      std::log(p.a / (p.b + x - 1)) + (p.r + x) * std::log((p.alpha + T) / (p.alpha + t_x));
  return 1 / (1 + std::exp(log_odds));  // exp overflows to infinity: 0, never NaN
}

double bgnbd_expected(const bgnbd_params& p, double x, double t_x, double T, double t) {
  // (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z) = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)
  const double c = p.a + p.b + x - 1;
  const double series = one_minus_series(p.a - 1, c - x - p.r, p.a - 1, c, p.alpha + T, t);
  return c / (p.a - 1) * series * bgnbd_p_alive(p, x, t_x, T);
}

double bgnbd_expected_new(const bgnbd_params& p, double t) {
  // (alpha/(alpha+t))^r 2F1(r, b; a+b-1; z) = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b-1; z)
  const double c = p.a + p.b - 1;
  return c / (p.a - 1) * one_minus_series(p.a - 1, c - p.r, p.a - 1, c, p.alpha, t);
}

}  // namespace retain
