#include "retain/btyd_fit.h"

#include <fmt/format.h>
#include <nlopt.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <exception>
#include <functional>
#include <tuple>

#include "retain/error.h"
#include "retain/parallel.h"

namespace retain {
namespace {

constexpr double kLogBound = 30;         // the optimizer's bounds on the log-parameters
constexpr double kRunOff = 18;           // |log parameter| beyond this: running off
constexpr double kConvergedNorm = 1e-4;  // of the mean log-likelihood's gradient
constexpr std::size_t kChunk = 1024;     // tuples summed in order by one thread
constexpr int kMaxEvaluations = 3000;    // per method

// The total over `tuples` of `per(tuple)` (a with_gradient<N> per customer) times the tuple's
// count, into `gradient`: fixed chunks summed in order, whatever the number of threads. Each
// chunk calls make_per() for its own `per`, which may keep what its tuples share.
template <std::size_t N, class Tuple, class MakePer>
double chunked_total(const std::vector<Tuple>& tuples, unsigned threads,
                     std::vector<double>& gradient, const MakePer& make_per) {
  const std::size_t chunks = (tuples.size() + kChunk - 1) / kChunk;
  std::vector<with_gradient<N>> sums(chunks);
  const std::size_t workers = std::max<std::size_t>(1, std::min<std::size_t>(threads, chunks));
  in_parallel(workers, [&](std::size_t worker) {
    for (std::size_t chunk = worker; chunk < chunks; chunk += workers) {
      with_gradient<N>& sum = sums[chunk];
      auto per = make_per();
      const std::size_t end = std::min(tuples.size(), (chunk + 1) * kChunk);
      for (std::size_t i = chunk * kChunk; i < end; ++i) {
        const with_gradient<N> one = per(tuples[i]);
        sum.value += tuples[i].count * one.value;
        for (std::size_t k = 0; k < N; ++k) sum.gradient[k] += tuples[i].count * one.gradient[k];
      }
    }
  });
  gradient.assign(N, 0);
  double total = 0;
  for (const with_gradient<N>& sum : sums) {
    total += sum.value;
    for (std::size_t k = 0; k < N; ++k) gradient[k] += sum.gradient[k];
  }
  return total;
}

// The terms of the last frequency x asked for, computed again only when x changes: tuples are
// sorted by x, so a chunk computes them once per distinct x it holds.
template <class Terms, class Compute>
class last_frequency {
 public:
  explicit last_frequency(const Compute& compute) : compute_(compute) {}
  const Terms& at(double x) {
    if (!(fresh_ && x == x_)) {
      terms_ = compute_(x);
      x_ = x;
      fresh_ = true;
    }
    return terms_;
  }

 private:
  const Compute& compute_;
  Terms terms_{};
  double x_ = 0;
  bool fresh_ = false;
};

// What NLopt maximizes: the mean log-likelihood in the log-parameters.
struct objective {
  const log_likelihood_fn& total;
  const parameter_guard& guard;
  double customers;
  int evaluations = 0;
  std::exception_ptr failure;
  nlopt_opt opt = nullptr;  // the method running, stopped at the first failure

  double operator()(const double* y, double* gradient_y, std::size_t n) {
    ++evaluations;
    std::vector<double> params(n);
    for (std::size_t i = 0; i < n; ++i) params[i] = std::exp(y[i]);
    if (guard) guard(params);  // throws: a refusal, not a step too far
    std::vector<double> gradient(n);
    double value = -HUGE_VAL;
    try {
      value = total(params, gradient) / customers;
    } catch (const error&) {  // a series that does not converge out there: a step too far
    }
    const bool finite =
        std::isfinite(value) &&
        std::all_of(gradient.begin(), gradient.end(), [](double g) { return std::isfinite(g); });
    for (std::size_t i = 0; gradient_y != nullptr && i < n; ++i) {
      gradient_y[i] = finite ? gradient[i] * params[i] / customers : 0;
    }
    return finite ? value : -HUGE_VAL;  // a step too far: the line search comes back
  }
};

double call_objective(unsigned n, const double* y, double* gradient, void* data) {
  auto& f = *static_cast<objective*>(data);
  try {
    return f(y, gradient, n);
  } catch (...) {  // no exception may cross NLopt's C code
    f.failure = std::current_exception();
    nlopt_force_stop(f.opt);
    return -HUGE_VAL;
  }
}

// Runs one NLopt method from y (updated in place) and returns its result code.
nlopt_result run_method(nlopt_algorithm method, objective& f, std::vector<double>& y) {
  const auto n = static_cast<unsigned>(y.size());
  nlopt_opt opt = nlopt_create(method, n);
  f.opt = opt;
  const std::vector<double> low(n, -kLogBound);
  const std::vector<double> high(n, kLogBound);
  nlopt_set_lower_bounds(opt, low.data());
  nlopt_set_upper_bounds(opt, high.data());
  nlopt_set_max_objective(opt, call_objective, &f);
  nlopt_set_ftol_rel(opt, 1e-14);
  nlopt_set_xtol_rel(opt, 1e-10);
  nlopt_set_maxeval(opt, kMaxEvaluations);
  if (method == NLOPT_LN_NELDERMEAD) {
    const std::vector<double> step(n, 0.5);
    nlopt_set_initial_step(opt, step.data());
  }
  double best = 0;
  const nlopt_result result = nlopt_optimize(opt, y.data(), &best);
  nlopt_destroy(opt);
  f.opt = nullptr;
  if (f.failure) std::rethrow_exception(f.failure);
  return result;
}

double norm_at(objective& f, const std::vector<double>& y, std::vector<double>& gradient) {
  gradient.assign(y.size(), 0);
  f(y.data(), gradient.data(), y.size());
  double sum = 0;
  for (double g : gradient) sum += g * g;
  return std::sqrt(sum);
}

// The inverse of a small symmetric matrix by Gauss-Jordan; empty if it is singular.
std::vector<std::vector<double>> inverse(std::vector<std::vector<double>> m) {
  const std::size_t n = m.size();
  std::vector<std::vector<double>> inv(n, std::vector<double>(n, 0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1;
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t row = col + 1; row < n; ++row) {
      if (std::fabs(m[row][col]) > std::fabs(m[pivot][col])) pivot = row;
    }
    if (m[pivot][col] == 0 || !std::isfinite(m[pivot][col])) return {};
    std::swap(m[col], m[pivot]);
    std::swap(inv[col], inv[pivot]);
    const double scale = m[col][col];
    for (std::size_t k = 0; k < n; ++k) {
      m[col][k] /= scale;
      inv[col][k] /= scale;
    }
    for (std::size_t row = 0; row < n; ++row) {
      if (row == col) continue;
      const double factor = m[row][col];
      for (std::size_t k = 0; k < n; ++k) {
        m[row][k] -= factor * m[col][k];
        inv[row][k] -= factor * inv[col][k];
      }
    }
  }
  return inv;
}

// Standard errors of the parameters exp(y): the Hessian of the total log-likelihood in y by
// central differences of the gradient, inverted, and the delta method (se = theta * se of y).
std::vector<double> standard_errors(objective& f, const std::vector<double>& y) {
  const std::size_t n = y.size();
  constexpr double kStep = 1e-5;
  std::vector<std::vector<double>> minus_hessian(n, std::vector<double>(n));
  std::vector<double> up(n), down(n);
  for (std::size_t j = 0; j < n; ++j) {
    std::vector<double> at = y;
    at[j] = y[j] + kStep;
    f(at.data(), up.data(), n);
    at[j] = y[j] - kStep;
    f(at.data(), down.data(), n);
    for (std::size_t i = 0; i < n; ++i) {
      minus_hessian[i][j] = -(up[i] - down[i]) / (2 * kStep) * f.customers;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      minus_hessian[i][j] = minus_hessian[j][i] = (minus_hessian[i][j] + minus_hessian[j][i]) / 2;
    }
  }
  const std::vector<std::vector<double>> covariance = inverse(minus_hessian);
  std::vector<double> errors(n, std::nan(""));
  for (std::size_t i = 0; i < n && !covariance.empty(); ++i) {
    if (covariance[i][i] > 0) errors[i] = std::exp(y[i]) * std::sqrt(covariance[i][i]);
  }
  return errors;
}

// Sorts by `key` and merges equal tuples, adding their counts.
template <class Tuple, class Key>
void merge_equal(std::vector<Tuple>& tuples, const Key& key, unsigned threads) {
  sort_in_parallel(
      tuples, [&](const Tuple& a, const Tuple& b) { return key(a) < key(b); }, threads);
  std::size_t out = 0;
  for (std::size_t i = 0; i < tuples.size(); ++i) {
    if (out > 0 && key(tuples[out - 1]) == key(tuples[i])) {
      tuples[out - 1].count += tuples[i].count;
    } else {
      tuples[out++] = tuples[i];
    }
  }
  tuples.resize(out);
}

}  // namespace

void merge_tuples(std::vector<btyd_tuple>& tuples, unsigned threads) {
  merge_equal(
      tuples, [](const btyd_tuple& t) { return std::tie(t.x, t.t_x, t.T); }, threads);
}

void merge_tuples(std::vector<spend_tuple>& tuples, unsigned threads) {
  merge_equal(
      tuples, [](const spend_tuple& t) { return std::tie(t.x, t.m); }, threads);
}

fit_result maximize_likelihood(const std::string& model, const log_likelihood_fn& total,
                               const std::vector<double>& start,
                               const std::vector<std::string>& names, double customers,
                               const parameter_guard& guard) {
  objective f{total, guard, customers, 0, {}, nullptr};
  std::vector<double> y(start.size());
  for (std::size_t i = 0; i < y.size(); ++i) y[i] = std::log(start[i]);
  std::vector<double> gradient;
  run_method(NLOPT_LD_LBFGS, f, y);
  double norm = norm_at(f, y, gradient);
  if (!(norm < kConvergedNorm)) {  // L-BFGS stopped short: Nelder-Mead, then L-BFGS again
    run_method(NLOPT_LN_NELDERMEAD, f, y);
    run_method(NLOPT_LD_LBFGS, f, y);
    norm = norm_at(f, y, gradient);
  }
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (std::fabs(y[i]) > kRunOff) {
      throw error(fmt::format(
          "cannot fit the {} model: its parameter {} runs off to {:g} (the likelihood is flat "
          "in it: the data cannot tell this model's parameters apart)",
          model, names[i], std::exp(y[i])));
    }
  }
  fit_result fit;
  fit.names = names;
  fit.customers = customers;
  for (double v : y) fit.values.push_back(std::exp(v));
  try {
    fit.log_likelihood = total(fit.values, gradient);
  } catch (const error& e) {
    throw error(
        fmt::format("cannot fit the {} model: its likelihood cannot be evaluated where "
                    "the optimizer stopped ({})",
                    model, e.what()));
  }
  if (!std::isfinite(fit.log_likelihood)) {
    throw error(
        fmt::format("cannot fit the {} model: the likelihood is not finite at its best "
                    "point",
                    model));
  }
  fit.gradient_norm = norm;
  fit.converged = norm < kConvergedNorm;
  fit.std_errors = standard_errors(f, y);
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!std::isfinite(fit.std_errors[i])) {
      throw error(fmt::format(
          "cannot fit the {} model: the likelihood is flat at its best point ({} = {:g} has no "
          "standard error: the Hessian there is not negative definite), so the data cannot tell "
          "its parameters apart",
          model, names[i], fit.values[i]));
    }
  }
  fit.evaluations = f.evaluations;
  const auto k = static_cast<double>(y.size());
  fit.aic = 2 * k - 2 * fit.log_likelihood;
  fit.bic = k * std::log(customers) - 2 * fit.log_likelihood;
  return fit;
}

void require_fittable(const std::vector<btyd_tuple>& tuples) {
  double repeat_buyers = 0;
  for (const btyd_tuple& t : tuples) {
    if (t.x > 0) repeat_buyers += t.count;
  }
  if (repeat_buyers < 2) {
    throw error(
        fmt::format("cannot fit a model: {:g} repeat buyer{} (customers with more than "
                    "one purchase day); at least 2 are needed",
                    repeat_buyers, repeat_buyers == 1 ? "" : "s"));
  }
  const bool one_age = std::all_of(tuples.begin(), tuples.end(),
                                   [&](const btyd_tuple& t) { return t.T == tuples.front().T; });
  if (one_age) {
    throw error(
        "cannot fit a model: every customer has the same age T (first purchase on one "
        "day), so purchase rates and drop-out cannot be told apart");
  }
}

namespace {

// The customers' count and mean age, for the starting point.
std::pair<double, double> count_and_mean_age(const std::vector<btyd_tuple>& tuples) {
  double count = 0;
  double ages = 0;
  for (const btyd_tuple& t : tuples) {
    count += t.count;
    ages += t.count * t.T;
  }
  return {count, ages / count};
}

}  // namespace

fit_result fit_bgnbd(const std::vector<btyd_tuple>& tuples, unsigned threads) {
  require_fittable(tuples);
  const auto [customers, mean_age] = count_and_mean_age(tuples);
  // The distinct times (recencies and ages: a few thousand days at most), and where each
  // tuple's t_x and T are among them: ln(alpha + time) is computed once per time.
  std::vector<double> times;
  times.reserve(2 * tuples.size());
  for (const btyd_tuple& t : tuples) {
    times.push_back(t.t_x);
    times.push_back(t.T);
  }
  sort_in_parallel(times, std::less<double>(), threads);
  times.erase(std::unique(times.begin(), times.end()), times.end());
  std::vector<std::array<std::uint32_t, 2>> at(tuples.size());
  auto index_of = [&](double time) {
    return static_cast<std::uint32_t>(std::lower_bound(times.begin(), times.end(), time) -
                                      times.begin());
  };
  for (std::size_t i = 0; i < tuples.size(); ++i) {
    at[i] = {index_of(tuples[i].t_x), index_of(tuples[i].T)};
  }
  std::vector<double> logs(times.size());
  auto total = [&](const std::vector<double>& v, std::vector<double>& gradient) {
    const bgnbd_params p{v[0], v[1], v[2], v[3]};
    for (std::size_t k = 0; k < times.size(); ++k) logs[k] = std::log(p.alpha + times[k]);
    auto terms = [&](double x) { return bgnbd_frequency(p, x); };
    return chunked_total<4>(tuples, threads, gradient, [&] {
      return [&, cache = last_frequency<bgnbd_frequency_terms, decltype(terms)>(terms)](
                 const btyd_tuple& t) mutable {
        const auto& [tx_at, T_at] = at[static_cast<std::size_t>(&t - tuples.data())];
        return bgnbd_log_likelihood(p, cache.at(t.x), t.t_x, t.T, logs[tx_at], logs[T_at]);
      };
    });
  };
  return maximize_likelihood("BG/NBD", total, {1, mean_age, 1, 1}, {"r", "alpha", "a", "b"},
                             customers);
}

namespace {

// The Pareto/NBD likelihood's series (pareto_nbd.h) needs about 40 alpha/beta or 40 beta/alpha
// terms per customer when that ratio is large. Data without drop-out drive it to infinity (endless
// lifetimes beside the purchase rates); no shop's fit goes near 1000 (CDNOW: 1.1). Refused at
// the first step there, instead of evaluating ever longer series.
constexpr double kParetoMaxRatio = 1000;

void pareto_guard(const std::vector<double>& v) {
  const double ratio = std::max(v[1] / v[3], v[3] / v[1]);
  if (ratio > kParetoMaxRatio) {
    throw error(fmt::format(
        "cannot fit the Pareto/NBD model: its parameters alpha = {:g} and beta = {:g} run {:.0f} "
        "times apart (past {:g}: the likelihood is flat toward endless lifetimes or endless "
        "purchase gaps, so the data show no drop-out this model can fit)",
        v[1], v[3], ratio, kParetoMaxRatio));
  }
}

}  // namespace

fit_result fit_pareto(const std::vector<btyd_tuple>& tuples, unsigned threads) {
  require_fittable(tuples);
  const auto [customers, mean_age] = count_and_mean_age(tuples);
  // The distinct (x, t) whose ln I(t) the tuples need (t_x and T where t_x < T), and where
  // each tuple's two are among them: every series is summed once per evaluation.
  using frequency_time = std::pair<double, double>;
  std::vector<frequency_time> tails;
  for (const btyd_tuple& t : tuples) {
    if (t.t_x >= t.T) continue;
    tails.emplace_back(t.x, t.t_x);
    tails.emplace_back(t.x, t.T);
  }
  sort_in_parallel(tails, std::less<frequency_time>(), threads);
  tails.erase(std::unique(tails.begin(), tails.end()), tails.end());
  std::vector<std::array<std::uint32_t, 2>> at(tuples.size(), {0, 0});
  auto index_of = [&](double x, double time) {
    return static_cast<std::uint32_t>(
        std::lower_bound(tails.begin(), tails.end(), frequency_time(x, time)) - tails.begin());
  };
  for (std::size_t i = 0; i < tuples.size(); ++i) {
    if (tuples[i].t_x < tuples[i].T) {
      at[i] = {index_of(tuples[i].x, tuples[i].t_x), index_of(tuples[i].x, tuples[i].T)};
    }
  }
  std::vector<with_gradient<4>> logs(tails.size());
  auto total = [&](const std::vector<double>& v, std::vector<double>& gradient) {
    const pareto_params p{v[0], v[1], v[2], v[3]};
    const std::size_t workers = std::max<std::size_t>(1, threads);
    in_parallel(workers, [&](std::size_t worker) {
      for (std::size_t k = logs.size() * worker / workers; k < logs.size() * (worker + 1) / workers;
           ++k) {
        logs[k] = pareto_log_tail(p, tails[k].first, tails[k].second);
      }
    });
    auto head = [&](double x) { return pareto_head(p, x); };
    return chunked_total<4>(tuples, threads, gradient, [&] {
      return [&, cache = last_frequency<with_gradient<4>, decltype(head)>(head)](
                 const btyd_tuple& t) mutable {
        const auto& [tx_at, T_at] = at[static_cast<std::size_t>(&t - tuples.data())];
        return pareto_log_likelihood(p, cache.at(t.x), t.x, t.t_x, t.T, logs[tx_at], logs[T_at]);
      };
    });
  };
  return maximize_likelihood("Pareto/NBD", total, {0.5, mean_age, 0.5, mean_age},
                             {"r", "alpha", "s", "beta"}, customers, pareto_guard);
}

fit_result fit_gamma_gamma(const std::vector<spend_tuple>& tuples, unsigned threads) {
  double buyers = 0;
  double spend = 0;
  for (const spend_tuple& t : tuples) {
    buyers += t.count;
    spend += t.count * t.m;
  }
  if (buyers < 2) {
    throw error(
        fmt::format("cannot fit the Gamma-Gamma spend model: {:g} repeat buyer{} with a "
                    "positive spend; at least 2 are needed",
                    buyers, buyers == 1 ? "" : "s"));
  }
  std::vector<double> log_spends(tuples.size());  // ln m, the same at every evaluation
  for (std::size_t i = 0; i < tuples.size(); ++i) log_spends[i] = std::log(tuples[i].m);
  auto total = [&](const std::vector<double>& v, std::vector<double>& gradient) {
    const gamma_gamma_params g{v[0], v[1], v[2]};
    auto terms = [&](double x) { return gamma_gamma_frequency(g, x); };
    return chunked_total<3>(tuples, threads, gradient, [&] {
      return [&, cache = last_frequency<gamma_gamma_frequency_terms, decltype(terms)>(terms)](
                 const spend_tuple& t) mutable {
        const double log_m = log_spends[static_cast<std::size_t>(&t - tuples.data())];
        return gamma_gamma_log_likelihood(g, cache.at(t.x), t.m, log_m);
      };
    });
  };
  fit_result fit = maximize_likelihood("Gamma-Gamma", total, {1, 1, spend / buyers},
                                       {"p", "q", "gamma"}, buyers);
  if (fit.values[1] <= 1) {
    throw error(
        fmt::format("the Gamma-Gamma spend model fits q = {:.4f} <= 1: it has no finite "
                    "mean spend, so no expected spend or CLV can be given",
                    fit.values[1]));
  }
  return fit;
}

}  // namespace retain
