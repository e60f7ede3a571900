// retain predict's analysis: the per-customer BTYD summary (customers.h) turned into model
// inputs, the fits (btyd_fit.h), the per-customer scores (P(alive), expected orders over a
// horizon, expected spend, CLV: clv.h) and the holdout comparison of --calibration-end. Pure
// computation, no I/O: the command (cmd_predict.cpp) reads and writes.
//
// Definitions (every format prints these numbers):
//   frequency, recency, T, monetary_value  as retain customers (customers.h), recency and T in
//                        the time unit, monetary_value the mean repeat spend
//   p_alive              P(the customer has not dropped out at T | frequency, recency, T)
//   expected_orders      expected repeat purchases (purchase days) in the next --horizon
//   expected_aov         Gamma-Gamma's expected spend per purchase (currency units)
//   clv                  expected revenue over the horizon, discounted monthly (clv.h)
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retain/btyd_fit.h"
#include "retain/calendar.h"
#include "retain/clv.h"
#include "retain/customers.h"
#include "retain/decimal.h"
#include "retain/names.h"
#include "retain/orders.h"
#include "retain/table.h"

namespace retain {

enum class btyd_model { bgnbd, pareto };
/// The names of --model (names.h).
inline constexpr named<btyd_model> kBtydModelNames[] = {{"bgnbd", btyd_model::bgnbd},
                                                        {"pareto", btyd_model::pareto}};
/// "BG/NBD" or "Pareto/NBD".
std::string_view model_title(btyd_model model);

/// One customer's model inputs: 48 bytes, no text of its own.
struct btyd_customer {
  std::string_view id;  ///< into the order book or the summary file's text: valid while it lives
  double x = 0;         ///< frequency: repeat purchase days
  double t_x = 0;       ///< recency, time unit
  double T = 0;         ///< age, time unit
  double m = 0;         ///< mean repeat spend, currency units (0 without repeats)
};

/// The customers of an order book as of a day, with the days that bound it.
struct btyd_book_summary {
  day_t as_of = 0;     ///< the observation end: the one given, else the last order's day
  day_t last_day = 0;  ///< the last order's day, after as_of or not
  /// Every customer with an order up to as_of, in the book's order; 0 without orders.
  std::vector<btyd_customer> customers;
};

/// The model inputs of the book's customers as of `as_of` (default: the last order's day), in
/// the unit (weeks are days / 7): frequency, recency, T and monetary_value exactly as
/// compute_customers (customers.h) gives them to retain customers, orders after as_of left
/// out. Straight from the book on `threads` threads, each a run of whole customers: the same
/// result for any count. Throws a usage error when a given as_of is before the first order,
/// and retain::error when a customer's revenue overflows, as compute_customers does.
btyd_book_summary btyd_customers(const order_book& book, std::optional<day_t> as_of, time_unit unit,
                                 unsigned threads);

/// A per-customer summary read by --summary: the customers and the text their ids point into.
struct btyd_summary_file {
  std::string id_text;                   ///< every id, one after another
  std::vector<btyd_customer> customers;  ///< in the file's order
  int places = 0;                        ///< the most decimals of recency and T as written
};

/// Reads a CSV summary with a header naming (in any order, any case) customer, frequency,
/// recency, T and monetary_value; other columns are ignored. recency and T are in the time
/// unit, monetary_value in currency units. `name` is the file's name for messages
/// ("NAME:LINE: reason"); throws retain::error on a missing column, a value that is not a
/// number, a fractional or negative frequency, recency above T, or a customer given twice.
btyd_summary_file read_btyd_summary(std::string text, const std::string& name);

/// The fits a prediction needs.
struct btyd_fits {
  btyd_model model = btyd_model::bgnbd;
  fit_result purchases;  ///< BG/NBD or Pareto/NBD
  fit_result spend;      ///< Gamma-Gamma on repeat buyers with a positive spend
  double customers = 0;
  double repeat_buyers = 0;
  /// Repeat buyers whose mean repeat spend is 0 or less (free or refunded repeat orders): not in
  /// the Gamma-Gamma fit, which needs a positive spend; their expected_aov takes the spend as 0.
  double spend_left_out = 0;
  /// The correlation of frequency and spend over the repeat buyers fitted: Gamma-Gamma assumes
  /// none (NaN with fewer than 2 distinct values).
  double spend_correlation = 0;
};

/// The customers by their (frequency, recency, T): what the fit and the scores work on.
struct btyd_groups {
  /// The distinct tuples with their customer counts, sorted as merge_tuples sorts them.
  std::vector<btyd_tuple> tuples;
  std::vector<std::uint32_t> tuple_of;  ///< each customer's index into tuples, in their order
};
/// Groups `customers`, sorting on `threads` threads (the same groups for any count).
btyd_groups group_customers(const std::vector<btyd_customer>& customers, unsigned threads);

/// Fits the model on `groups` (of `customers`) and Gamma-Gamma on the repeat buyers, the
/// likelihood on `threads` threads (same result for any count). Throws retain::error when
/// either cannot be fitted (btyd_fit.h).
btyd_fits fit_models(const std::vector<btyd_customer>& customers, const btyd_groups& groups,
                     btyd_model model, unsigned threads);

/// The fits as a table: model, parameter, value (6 decimals), std_error, unit, then the rows
/// log_likelihood, aic, bic, customers, iterations (evaluations), converged (1 or 0) of each
/// model, and repeat_buyers and spend_correlation of Gamma-Gamma. `unit` is the time unit's
/// name, the unit of alpha and beta (gamma is in currency units).
table fit_table(const btyd_fits& fits, std::string_view unit);

struct predict_options {
  clv_options clv;       ///< horizon and discounting (clv.h)
  unsigned threads = 1;  ///< the same scores for any count
};

/// One customer's scores.
struct prediction {
  double p_alive = 0;
  double expected_orders = 0;
  double expected_aov = 0;
  double clv = 0;
};

/// The scores of every customer, in the order given: each distinct (x, t_x, T) of `groups`
/// (of `customers`) computed once.
std::vector<prediction> predict_all(const std::vector<btyd_customer>& customers,
                                    const btyd_groups& groups, const btyd_fits& fits,
                                    const predict_options& options);

/// What --sort orders the rows by: numbers largest first, customer ids ascending; ties by id.
enum class predict_sort {
  clv,
  p_alive,
  expected_orders,
  expected_aov,
  frequency,
  recency,
  t,  ///< T
  monetary_value,
  customer
};
inline constexpr named<predict_sort> kPredictSortNames[] = {
    {"clv", predict_sort::clv},
    {"p_alive", predict_sort::p_alive},
    {"expected_orders", predict_sort::expected_orders},
    {"expected_aov", predict_sort::expected_aov},
    {"frequency", predict_sort::frequency},
    {"recency", predict_sort::recency},
    {"T", predict_sort::t},
    {"monetary_value", predict_sort::monetary_value},
    {"customer", predict_sort::customer}};

/// The row order of the listing: indexes into customers, sorted by `key` (reversed with
/// `reverse`, ties still by id), the first `top` only when given. Sorts on `threads` threads
/// (at least 1); the ids are distinct, so every count gives the same order.
std::vector<std::uint32_t> predict_order(const std::vector<btyd_customer>& customers,
                                         const std::vector<prediction>& scores, predict_sort key,
                                         bool reverse, std::optional<std::size_t> top,
                                         unsigned threads);

/// The columns: customer, frequency, recency, T, monetary_value, p_alive, expected_orders,
/// expected_aov, clv.
std::vector<column> predict_columns();
/// One customer's row; recency and T with `places` decimals.
void predict_row(const btyd_customer& c, const prediction& p, int places, std::vector<value>& row);

/// The holdout comparison of --calibration-end: fitted on orders up to calibration_end,
/// compared with what the same customers did from the next day to holdout_end.
struct holdout_options {
  day_t calibration_end = 0;
  day_t holdout_end = 0;
  time_unit unit = time_unit::weeks;
};
struct holdout_report {
  table by_frequency;  ///< frequency 0..6 and "7+", customers, actual and predicted means
  table tracking;      ///< per week: cumulative repeat purchases, actual and expected
  table errors;        ///< mean absolute and total relative errors of both
};
/// `calibration` are the customers as of calibration_end (their ids into `book`).
holdout_report compare_holdout(const order_book& book,
                               const std::vector<btyd_customer>& calibration, const btyd_fits& fits,
                               const holdout_options& options);

/// A double rounded half away from zero to `places` decimals; throws retain::error if it is not
/// finite (a wrong number is never printed).
decimal rounded(double v, int places);

}  // namespace retain
