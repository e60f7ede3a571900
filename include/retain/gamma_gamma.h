// The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value
// curves"): each purchase of a customer is Gamma(p, nu) with nu ~ Gamma(q, gamma) across
// customers. Fitted on repeat buyers from x (repeat purchases) and m (their mean spend, in
// currency units, not cents: gamma is in the same units). Pure functions, no state.
#pragma once

#include "retain/bgnbd.h"  // with_gradient

namespace retain {

struct gamma_gamma_params {
  double p = 0;
  double q = 0;
  double gamma = 0;
};

/// ln of the density of the mean m of x >= 1 purchases, and its gradient in (p, q, gamma):
/// lnG(px+q) - lnG(px) - lnG(q) + q ln gamma + (px-1) ln m + px ln x - (px+q) ln(gamma + x m).
with_gradient<3> gamma_gamma_log_likelihood(const gamma_gamma_params& g, double x, double m);

/// The part of that log-density which depends on the parameters and x alone: a fit computes it
/// once per distinct x instead of once per repeat buyer.
struct gamma_gamma_frequency_terms {
  double x = 0;
  double px = 0;     ///< p x
  double log_x = 0;  ///< ln x
  double head = 0;   ///< lnG(px+q) - lnG(px) - lnG(q) + q ln gamma
  double d_p = 0;    ///< digamma(px+q) - digamma(px)
  double d_q = 0;    ///< digamma(px+q) - digamma(q) + ln gamma
};
gamma_gamma_frequency_terms gamma_gamma_frequency(const gamma_gamma_params& g, double x);
/// The same bits as gamma_gamma_log_likelihood(g, f.x, m), given log_m = ln m (which a fit
/// computes once).
with_gradient<3> gamma_gamma_log_likelihood(const gamma_gamma_params& g,
                                            const gamma_gamma_frequency_terms& f, double m,
                                            double log_m);

/// E[spend per purchase | x, m] = (gamma p + p x m) / (p x + q - 1): the population mean
/// gamma p / (q - 1) and m weighted by the evidence. Needs q > 1 (the model has no finite mean
/// spend otherwise; callers refuse before).
double gamma_gamma_expected_spend(const gamma_gamma_params& g, double x, double m);

}  // namespace retain
