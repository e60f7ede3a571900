#include "retain/pareto_nbd.h"

#include <algorithm>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

#include "retain/hyp2f1.h"

namespace retain {
namespace {

using boost::math::digamma;
using boost::math::lgamma;

}  // namespace

// ln I(t) (see the header) and its gradient in (r, alpha, s, beta). With alpha >= beta,
// I = (alpha+t)^-(r+x) (beta+t)^-s G / (r+s+x), G = 2F1(1, r+x; r+s+x+1; (alpha-beta)/(alpha+t));
// with alpha < beta, I = (alpha+t)^(1-r-x) (beta+t)^-(s+1) G / (r+s+x),
// G = 2F1(1, s+1; r+s+x+1; (beta-alpha)/(beta+t)).
with_gradient<4> pareto_log_tail(const pareto_params& p, double x, double t) {
  const double rx = p.r + x;
  const double n = rx + p.s;
  const double at = p.alpha + t;
  const double bt = p.beta + t;
  with_gradient<4> out;
  if (p.alpha >= p.beta) {
    const hyp2f1_value g = hyp2f1(1, rx, n + 1, (p.alpha - p.beta) / at);
    out.value = -rx * std::log(at) - p.s * std::log(bt) + std::log(g.value) - std::log(n);
    out.gradient = {-std::log(at) + (g.d_b + g.d_c) / g.value - 1 / n,
                    -rx / at + g.d_z / g.value * bt / (at * at),
                    -std::log(bt) + g.d_c / g.value - 1 / n, -p.s / bt - g.d_z / g.value / at};
    return out;
  }
  const hyp2f1_value g = hyp2f1(1, p.s + 1, n + 1, (p.beta - p.alpha) / bt);
  out.value = (1 - rx) * std::log(at) - (p.s + 1) * std::log(bt) + std::log(g.value) - std::log(n);
  out.gradient = {-std::log(at) + g.d_c / g.value - 1 / n, (1 - rx) / at - g.d_z / g.value / bt,
                  -std::log(bt) + (g.d_b + g.d_c) / g.value - 1 / n,
                  -(p.s + 1) / bt + g.d_z / g.value * at / (bt * bt)};
  return out;
}

namespace {

// ln of the bracket of L, [e^l1 + s (I(t_x) - I(T))], and its gradient; also l1, the log of its
// first term (alive at T), for P(alive). tail(t) is ln I(t) of this x, asked for t_x and T only
// when t_x < T.
struct bracket {
  with_gradient<4> log_sum;
  double log_alive = 0;
};

template <class Tail>
bracket log_bracket(const pareto_params& p, double x, double t_x, double T, const Tail& tail) {
  const double rx = p.r + x;
  bracket out;
  out.log_alive = -rx * std::log(p.alpha + T) - p.s * std::log(p.beta + T);
  const std::array<double, 4> alive_gradient = {-std::log(p.alpha + T), -rx / (p.alpha + T),
                                                -std::log(p.beta + T), -p.s / (p.beta + T)};
  if (t_x >= T) {  // the integral from t_x to T is empty
    out.log_sum = {out.log_alive, alive_gradient};
    return out;
  }
  const with_gradient<4> from_tx = tail(t_x);
  const with_gradient<4> from_T = tail(T);
  // Everything scaled by e^-high: the largest of the positive terms.
  const double high = std::max(out.log_alive, std::log(p.s) + from_tx.value);
  const double e1 = std::exp(out.log_alive - high);
  const double e2 = p.s * std::exp(from_tx.value - high);
  const double e3 = p.s * std::exp(from_T.value - high);
  const double sum = e1 + e2 - e3;  // > 0: I(t_x) > I(T)
  out.log_sum.value = high + std::log(sum);
  for (std::size_t i = 0; i < 4; ++i) {
    out.log_sum.gradient[i] =
        (e1 * alive_gradient[i] + e2 * from_tx.gradient[i] - e3 * from_T.gradient[i]) / sum;
  }
  out.log_sum.gradient[2] += (e2 - e3) / p.s / sum;  // the factor s itself
  return out;
}

// [1 - u^(s-1)] / (s-1) with u = base / (base + t), and its limit ln(1/u) at s = 1.
double tail_factor(double s, double base, double t) {
  const double log_u = std::log(base / (base + t));
  if (std::fabs(s - 1) < 1e-10) return -log_u;
  return -std::expm1((s - 1) * log_u) / (s - 1);
}

// ln L from its head (pareto_head) and bracket.
with_gradient<4> log_likelihood(const with_gradient<4>& head, const bracket& b) {
  with_gradient<4> out = head;
  out.value += b.log_sum.value;
  for (std::size_t i = 0; i < 4; ++i) out.gradient[i] += b.log_sum.gradient[i];
  return out;
}

// ln I(t) of x, evaluated when asked.
auto tail_of(const pareto_params& p, double x) {
  return [&p, x](double t) { return pareto_log_tail(p, x, t); };
}

}  // namespace

with_gradient<4> pareto_head(const pareto_params& p, double x) {
  with_gradient<4> head;
  head.value = lgamma(p.r + x) - lgamma(p.r) + p.r * std::log(p.alpha) + p.s * std::log(p.beta);
  head.gradient = {digamma(p.r + x) - digamma(p.r) + std::log(p.alpha), p.r / p.alpha,
                   std::log(p.beta), p.s / p.beta};
  return head;
}

with_gradient<4> pareto_log_likelihood(const pareto_params& p, double x, double t_x, double T) {
  return log_likelihood(pareto_head(p, x), log_bracket(p, x, t_x, T, tail_of(p, x)));
}

with_gradient<4> pareto_log_likelihood(const pareto_params& p, const with_gradient<4>& head,
                                       double x, double t_x, double T,
                                       const with_gradient<4>& tail_tx,
                                       const with_gradient<4>& tail_T) {
  return log_likelihood(
      head, log_bracket(p, x, t_x, T, [&](double t) { return t == t_x ? tail_tx : tail_T; }));
}

double pareto_p_alive(const pareto_params& p, double x, double t_x, double T) {
  const bracket b = log_bracket(p, x, t_x, T, tail_of(p, x));
  return std::min(1.0, std::exp(b.log_alive - b.log_sum.value));
}

double pareto_expected(const pareto_params& p, double x, double t_x, double T, double t) {
  if (t <= 0) return 0;
  return pareto_p_alive(p, x, t_x, T) * (p.r + x) * (p.beta + T) / (p.alpha + T) *
         tail_factor(p.s, p.beta + T, t);
}

double pareto_expected_new(const pareto_params& p, double t) {
  if (t <= 0) return 0;
  return p.r * p.beta / p.alpha * tail_factor(p.s, p.beta, t);
}

}  // namespace retain
