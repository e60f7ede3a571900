#include "retain/hyp2f1.h"

#include <fmt/format.h>

#include <cmath>

#include "retain/error.h"

namespace retain {

namespace {

// The series, with its derivatives when kDerivatives (the value's bits are the same either way).
template <bool kDerivatives>
hyp2f1_value series(double a, double b, double c, double z) {
  constexpr int kMaxTerms = 200000;
  hyp2f1_value sum{1, 0, 0, 0};
  double term = 1;        // (a)_k (b)_k / ((c)_k k!) z^k
  double sum_over_b = 0;  // sum of 1 / (b + j) for j < k: d ln term / d b
  double sum_over_c = 0;  // sum of 1 / (c + j) for j < k: -d ln term / d c
  for (int k = 0; k < kMaxTerms; ++k) {
    // The next term's derivative in z, k+1 over z times it, is written without dividing by z.
    const double ratio = (a + k) * (b + k) / ((c + k) * (k + 1));
    if constexpr (kDerivatives) sum.d_z += term * (a + k) * (b + k) / (c + k);
    term *= ratio * z;
    const double before = sum.value;
    sum.value += term;
    if constexpr (kDerivatives) {
      sum_over_b += 1 / (b + k);
      sum_over_c += 1 / (c + k);
      sum.d_b += term * sum_over_b;
      sum.d_c -= term * sum_over_c;
    }
    // Done when the term is lost in the sum and the terms have started to fall (ratio * z < 1).
    if (sum.value == before && std::fabs(ratio * z) < 1) return sum;
  }
  throw error(
      fmt::format("the hypergeometric series 2F1({}, {}; {}; {}) does not converge", a, b, c, z));
}

}  // namespace

hyp2f1_value hyp2f1(double a, double b, double c, double z) { return series<true>(a, b, c, z); }

double hyp2f1_sum(double a, double b, double c, double z) {
  return series<false>(a, b, c, z).value;
}

}  // namespace retain
