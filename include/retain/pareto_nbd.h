// The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987; the likelihood as in Fader and
// Hardie's note on it): a customer buys at a Poisson rate lambda ~ Gamma(r, alpha) for an
// exponential lifetime of rate mu ~ Gamma(s, beta). Per customer (x, t_x, T in one time unit):
// the log-likelihood with its gradient, P(alive) and the expected purchases in the next t.
#pragma once

#include "retain/bgnbd.h"  // with_gradient

namespace retain {

struct pareto_params {
  double r = 0;
  double alpha = 0;
  double s = 0;
  double beta = 0;
};

/// ln L(r, alpha, s, beta | x, t_x, T) and its gradient in (r, alpha, s, beta). L is
///   Gamma(r+x) alpha^r beta^s / Gamma(r) [ (alpha+T)^-(r+x) (beta+T)^-s + s (I(t_x) - I(T)) ]
/// with I(t) = integral from t to infinity of (alpha+y)^-(r+x) (beta+y)^-(s+1) dy, written with
/// 2F1(1, .; r+s+x+1; z) after Euler's transformation (z = |alpha-beta| / (max(alpha,beta)+t),
/// either ordering and alpha = beta alike, no overflow for large x).
with_gradient<4> pareto_log_likelihood(const pareto_params& p, double x, double t_x, double T);

/// The parts of ln L that a fit shares between customers: the head, ln Gamma(r+x) - ln Gamma(r)
/// + r ln alpha + s ln beta (a function of x), and ln I(t) of x at a t_x or T (the series: a
/// few ten thousand distinct (x, t) against a million customers), each with its gradient.
with_gradient<4> pareto_head(const pareto_params& p, double x);
with_gradient<4> pareto_log_tail(const pareto_params& p, double x, double t);
/// The same bits as pareto_log_likelihood(p, x, t_x, T), from head = pareto_head(p, x) and,
/// when t_x < T, tail_tx = pareto_log_tail(p, x, t_x) and tail_T = pareto_log_tail(p, x, T)
/// (not read otherwise).
with_gradient<4> pareto_log_likelihood(const pareto_params& p, const with_gradient<4>& head,
                                       double x, double t_x, double T,
                                       const with_gradient<4>& tail_tx,
                                       const with_gradient<4>& tail_T);

/// P(alive | x, t_x, T) = (alpha+T)^-(r+x) (beta+T)^-s / [the bracket of L above].
double pareto_p_alive(const pareto_params& p, double x, double t_x, double T);

/// E[X(T, T + t) | x, t_x, T] = P(alive) (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T) /
/// (beta+T+t))^(s-1)], its limit at s = 1 included.
double pareto_expected(const pareto_params& p, double x, double t_x, double T, double t);

/// E[X(t)] for a customer t after the first purchase: r beta / (alpha (s-1)) [1 - (beta /
/// (beta+t))^(s-1)].
double pareto_expected_new(const pareto_params& p, double t);

}  // namespace retain
