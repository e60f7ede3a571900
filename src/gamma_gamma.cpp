#include "retain/gamma_gamma.h"

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

namespace retain {

with_gradient<3> gamma_gamma_log_likelihood(const gamma_gamma_params& g, double x, double m) {
  using boost::math::digamma;
  using boost::math::lgamma;
  const double px = g.p * x;
  const double log_total = std::log(g.gamma + x * m);
  with_gradient<3> out;
  out.value = lgamma(px + g.q) - lgamma(px) - lgamma(g.q) + g.q * std::log(g.gamma) +
              (px - 1) * std::log(m) + px * std::log(x) - (px + g.q) * log_total;
  const double shared = digamma(px + g.q);
  out.gradient = {x * (shared - digamma(px) + std::log(m) + std::log(x) - log_total),
                  shared - digamma(g.q) + std::log(g.gamma) - log_total,
                  g.q / g.gamma - (px + g.q) / (g.gamma + x * m)};
  return out;
}

double gamma_gamma_expected_spend(const gamma_gamma_params& g, double x, double m) {
  return (g.gamma * g.p + g.p * x * m) / (g.p * x + g.q - 1);
}

}  // namespace retain
