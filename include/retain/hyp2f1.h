// The Gauss hypergeometric series 2F1(a, b; c; z) on 0 <= z < 1, with its partial derivatives in
// b, c and z, for the buy-till-you-die models (bgnbd.h, pareto_nbd.h). Written here rather than
// taken from Boost.Math: Boost 1.74 (Debian 12) has no 2F1 for these arguments, and the models
// call it only after Euler's transformation, where the frequency enters c alone, so the plain
// series converges fast and cannot overflow; its derivatives come term by term in the same loop.
#pragma once

namespace retain {

struct hyp2f1_value {
  double value = 0;
  double d_b = 0;  ///< d value / d b
  double d_c = 0;  ///< d value / d c
  double d_z = 0;  ///< d value / d z
};

/// 2F1(a, b; c; z) = sum over k of (a)_k (b)_k / ((c)_k k!) z^k, for 0 <= z < 1 and c > 0; the
/// sum stops when a term no longer changes it. Throws retain::error if 200000 terms do not get
/// there (z within about 1e-4 of 1).
hyp2f1_value hyp2f1(double a, double b, double c, double z);
/// The same value, without the derivatives (a third of the work).
double hyp2f1_sum(double a, double b, double c, double z);

}  // namespace retain
