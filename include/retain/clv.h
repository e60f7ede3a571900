// Customer lifetime value over a horizon: the expected revenue of the purchases a model predicts
// (bgnbd.h or pareto_nbd.h) at the spend Gamma-Gamma expects (gamma_gamma.h), discounted monthly.
//
//   clv = sum over months k = 1..K of spend x [E(t_k) - E(t_(k-1))] / (1 + d)^k
//
// where E(t) is the customer's expected purchases in the next t, t_k = min(k month, horizon),
// K = ceil(horizon / month), a month = 365.25 / 12 days (in the time unit), and d the monthly
// rate of the annual --discount-rate D: (1 + D)^(1/12) - 1. With D = 0 it is spend x E(horizon).
#pragma once

#include <functional>

namespace retain {

struct clv_options {
  double horizon = 0;      ///< in the time unit; 0 gives 0
  double month = 0;        ///< a month in the time unit: 30.4375 days or 4.348214 weeks
  double annual_rate = 0;  ///< --discount-rate, >= 0
};

/// The expected purchases in the next t (time unit) of one customer.
using expected_purchases = std::function<double(double t)>;

/// The discounted expected revenue over the horizon at `spend` per purchase.
double clv(const expected_purchases& expected, double spend, const clv_options& options);

}  // namespace retain
