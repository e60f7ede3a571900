#include "retain/clv.h"

#include <cmath>

namespace retain {

double clv(const expected_purchases& expected, double spend, const clv_options& options) {
  if (options.horizon <= 0) return 0;
  if (options.annual_rate == 0) return spend * expected(options.horizon);
  const double monthly = std::pow(1 + options.annual_rate, 1.0 / 12) - 1;
  const auto months = static_cast<int>(std::ceil(options.horizon / options.month - 1e-9));
  double value = 0;
  double before = 0;  // E(t_(k-1))
  for (int k = 1; k <= months; ++k) {
    const double t = std::fmin(k * options.month, options.horizon);
    const double now = expected(t);
    value += spend * (now - before) / std::pow(1 + monthly, k);
    before = now;
  }
  return value;
}

}  // namespace retain
