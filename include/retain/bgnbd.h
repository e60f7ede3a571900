// The BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): a
// customer buys at a Poisson rate lambda ~ Gamma(r, alpha) while alive and drops out after any
// purchase with probability p ~ Beta(a, b). Per customer, from x repeat purchases, the last at
// t_x, over an age T (one time unit throughout; alpha is in that unit): the log-likelihood with
// its gradient, P(alive), and the expected purchases in the next t. Pure functions, no state.
#pragma once

#include <array>
#include <cstddef>

namespace retain {

struct bgnbd_params {
  double r = 0;
  double alpha = 0;
  double a = 0;
  double b = 0;
};

/// A value with its gradient in the model's parameters, in their order.
template <std::size_t N>
struct with_gradient {
  double value = 0;
  std::array<double, N> gradient{};
};

/// The part of ln L that depends on the parameters and the frequency x alone: the gamma and
/// beta functions with their gradient, and ln(a / (b + x - 1)). A fit computes it once per
/// distinct x (a few hundred) instead of once per customer.
struct bgnbd_frequency_terms {
  double x = 0;
  /// ln Gamma(r+x) - ln Gamma(r) + r ln alpha + ln B(a, b+x) - ln B(a, b), and its gradient.
  with_gradient<4> head;
  double log_drop = 0;  ///< ln(a / (b + x - 1)); 0 when x is 0
};
bgnbd_frequency_terms bgnbd_frequency(const bgnbd_params& p, double x);

/// ln L(r, alpha, a, b | x, t_x, T), from the paper's eq. 6 with the two terms combined in log
/// space (no overflow for x in the millions), and its gradient in (r, alpha, a, b).
with_gradient<4> bgnbd_log_likelihood(const bgnbd_params& p, double x, double t_x, double T);
/// The same bits, from the terms of x (f.x is the frequency) and ln(alpha + t_x), ln(alpha + T),
/// which a fit computes once per distinct time.
with_gradient<4> bgnbd_log_likelihood(const bgnbd_params& p, const bgnbd_frequency_terms& f,
                                      double t_x, double T, double log_alpha_tx,
                                      double log_alpha_T);

/// P(alive | x, t_x, T): exactly 1 when x = 0, since the model lets a customer drop out only
/// right after a purchase.
double bgnbd_p_alive(const bgnbd_params& p, double x, double t_x, double T);

/// E[X(T, T + t) | x, t_x, T], the paper's eq. 10, through Euler's transformation of its 2F1
/// (frequency then enters only the series' third parameter); 0 when t is 0.
double bgnbd_expected(const bgnbd_params& p, double x, double t_x, double T, double t);

/// E[X(t)] for a customer t after the first purchase (the paper's eq. 9): the repeat purchases
/// that the tracking comparison adds up.
double bgnbd_expected_new(const bgnbd_params& p, double t);

}  // namespace retain
