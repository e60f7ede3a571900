#include "retain/gamma_gamma.h"

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

namespace retain {

gamma_gamma_frequency_terms gamma_gamma_frequency(const gamma_gamma_params& g, double x) {
  using boost::math::digamma;
  using boost::math::lgamma;
  gamma_gamma_frequency_terms f;
  f.x = x;
  f.px = g.p * x;
  f.log_x = std::log(x);
  f.head = lgamma(f.px + g.q) - lgamma(f.px) - lgamma(g.q) + g.q * std::log(g.gamma);
  const double shared = digamma(f.px + g.q);
  f.d_p = shared - digamma(f.px);
  f.d_q = shared - digamma(g.q) + std::log(g.gamma);
  return f;
}

with_gradient<3> gamma_gamma_log_likelihood(const gamma_gamma_params& g, double x, double m) {
  return gamma_gamma_log_likelihood(g, gamma_gamma_frequency(g, x), m, std::log(m));
}

with_gradient<3> gamma_gamma_log_likelihood(const gamma_gamma_params& g,
                                            const gamma_gamma_frequency_terms& f, double m,
                                            double log_m) {
  const double x = f.x;
  const double px = f.px;
  const double log_total = std::log(g.gamma + x * m);
  with_gradient<3> out;
  out.value = f.head + (px - 1) * log_m + px * f.log_x - (px + g.q) * log_total;
  out.gradient = {x * (f.d_p + log_m + f.log_x - log_total), f.d_q - log_total,
                  g.q / g.gamma - (px + g.q) / (g.gamma + x * m)};
  return out;
}

double gamma_gamma_expected_spend(const gamma_gamma_params& g, double x, double m) {
  return (g.gamma * g.p + g.p * x * m) / (g.p * x + g.q - 1);
}

}  // namespace retain
