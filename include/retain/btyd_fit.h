// Maximum-likelihood fits of the buy-till-you-die models (bgnbd.h, pareto_nbd.h, gamma_gamma.h)
// on customers compressed to unique tuples with counts: NLopt's L-BFGS on the log-parameters
// with the analytic gradient, Nelder-Mead from where it stopped when it stops short, then L-BFGS
// again; standard errors from the Hessian (finite differences of the gradient) by the delta
// method; AIC and BIC. The total log-likelihood is summed in fixed chunks of tuples in a fixed
// order, so every thread count gives the same bits.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "retain/bgnbd.h"
#include "retain/gamma_gamma.h"
#include "retain/pareto_nbd.h"

namespace retain {

/// Customers with x repeat purchases, the last at t_x, over an age T (one time unit).
struct btyd_tuple {
  double x = 0;
  double t_x = 0;
  double T = 0;
  double count = 1;  ///< customers with these values
};

/// Repeat buyers with x repeat purchases of mean spend m (currency units).
struct spend_tuple {
  double x = 0;
  double m = 0;
  double count = 1;
};

/// Sorts `tuples` and merges equal ones, adding their counts (whole numbers: the same sums in
/// any order), sorting on `threads` threads.
void merge_tuples(std::vector<btyd_tuple>& tuples, unsigned threads = 1);
void merge_tuples(std::vector<spend_tuple>& tuples, unsigned threads = 1);

struct fit_result {
  std::vector<std::string> names;  ///< the parameters, in the model's order
  std::vector<double> values;
  /// Standard errors (all finite: a fit without them is refused).
  std::vector<double> std_errors;
  double log_likelihood = 0;  ///< the total over every customer, constants included
  double customers = 0;       ///< the count of observations fitted
  double aic = 0;             ///< 2k - 2 LL
  double bic = 0;             ///< k ln(customers) - 2 LL
  int evaluations = 0;        ///< of the likelihood with its gradient, by every method
  double gradient_norm = 0;   ///< of the mean log-likelihood in the log-parameters at the end
  bool converged = false;     ///< gradient_norm below 1e-4
};

/// The total log-likelihood at the parameters, its gradient into `gradient` (same size).
using log_likelihood_fn =
    std::function<double(const std::vector<double>& params, std::vector<double>& gradient)>;

/// Called with the parameters before every evaluation; throws retain::error to refuse the fit at
/// once (parameters where the model is flat and its likelihood costly to evaluate).
using parameter_guard = std::function<void(const std::vector<double>& params)>;

/// Maximizes `total` of `model` (its name, for messages) from `start` (positive parameters)
/// over `customers` observations. Throws retain::error when a parameter runs off (below 1.5e-8
/// or above 6.6e7, |log| > 18: a flat likelihood, or data the model cannot describe), when
/// `guard` throws at any step, or when the Hessian at the best point is not negative definite
/// (no standard error: flat there).
fit_result maximize_likelihood(const std::string& model, const log_likelihood_fn& total,
                               const std::vector<double>& start,
                               const std::vector<std::string>& names, double customers,
                               const parameter_guard& guard = {});

/// Throws retain::error unless at least 2 repeat buyers and two different ages T are in the
/// data: without them no model can be told apart.
void require_fittable(const std::vector<btyd_tuple>& tuples);

fit_result fit_bgnbd(const std::vector<btyd_tuple>& tuples, unsigned threads);
/// Throws retain::error as soon as alpha and beta run more than 1000 times apart (data without
/// drop-out), before the series grow long.
fit_result fit_pareto(const std::vector<btyd_tuple>& tuples, unsigned threads);
/// Throws retain::error when q <= 1: the spend model has no finite mean.
fit_result fit_gamma_gamma(const std::vector<spend_tuple>& tuples, unsigned threads);

inline bgnbd_params bgnbd_of(const fit_result& f) {
  return {f.values[0], f.values[1], f.values[2], f.values[3]};
}
inline pareto_params pareto_of(const fit_result& f) {
  return {f.values[0], f.values[1], f.values[2], f.values[3]};
}
inline gamma_gamma_params gamma_gamma_of(const fit_result& f) {
  return {f.values[0], f.values[1], f.values[2]};
}

}  // namespace retain
