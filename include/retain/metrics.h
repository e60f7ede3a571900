// The metrics core: repeat-customer rate, purchase frequency, average order value, customer
// value and retention from one window to the next, per time window, computed from the order book
// alone. Pure computation, no I/O.
//
// Definitions (the one place they are written down; every format prints these numbers):
//   customers           distinct customers with at least one order in the window
//   orders, revenue     orders in the window and the sum of their amounts (cents)
//   repeat_customers    customers with more than one order in the window
//   repeat_rate         repeat_customers / customers             (4 decimals)
//   purchase_frequency  orders / customers                       (4 decimals)
//   aov                 revenue / orders                         (cents, 2 decimals)
//   customer_value      purchase_frequency x aov = revenue / customers, from the exact totals
//   new_customers       customers whose first order in the whole input falls in the window
//   returning_customers customers - new_customers
//   retained_customers  customers of the previous window who ordered again in this one
//   retention_rate      retained_customers / previous window's customers (4 decimals)
//   churn_rate          1 - retention_rate as rounded                (4 decimals)
// Ratios are rounded half away from zero; a ratio over zero is undefined (nullopt).
//
// Retention compares each window with the window just before it in the report. Windows are
// consecutive (empty ones included), so that is always the previous day, week, month, quarter or
// year. The first window of the report has no previous window, also when --from cuts the data
// short: its retained_customers, retention_rate and churn_rate are undefined rather than zero,
// since orders before --from are not counted and must not be guessed at; `all` is one window, so
// all three are always undefined there. Orders outside --from/--to count in neither window.
// After a window without customers, retained_customers is 0 and both rates are undefined.
// A partial window (one the data covers only in part, calendar.h window_complete) is flagged
// `complete` false. The last window, when partial, has retained_customers and both rates
// undefined too unless --partial include: customers of a whole month compared with those of a
// few days of the next would read as churn.

// churn_rate is 1 minus the retention_rate already rounded, not the exact churn rounded on its
// own, so that the two printed rates always add up to exactly 1 (1 of 3 retained: 0.3333 and
// 0.6667). Rounding both on their own would break that on ties: 1 of 20,000 retained is 0.00005,
// rounded to 0.0001, and the exact churn 0.99995 would round to 1.0000.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "retain/calendar.h"
#include "retain/decimal.h"
#include "retain/orders.h"
#include "retain/table.h"

namespace retain {

struct window_options {
  window_kind kind = window_kind::month;
  std::optional<day_t> from;  ///< first day counted (--from); default: the first order's day
  std::optional<day_t> to;    ///< last day counted (--to); default: the last order's day
  /// --partial: whether a partial last window (calendar.h window_complete) gets its
  /// retained_customers and rates; default empty.
  partial_policy partial = partial_policy::empty;
};

struct window_metrics {
  std::string label;  ///< 2024-01, 2024-W03, ...
  day_t start = 0;    ///< first day of the window, within --from/--to
  day_t end = 0;      ///< last day of the window, within --from/--to
  std::uint64_t customers = 0;
  std::uint64_t orders = 0;
  cents_t revenue = 0;
  std::uint64_t repeat_customers = 0;
  std::uint64_t new_customers = 0;
  std::uint64_t returning_customers = 0;
  /// Customers with an order in this window and in the previous one; nullopt for the first
  /// window, and for a partial last window unless --partial include.
  std::optional<std::uint64_t> retained_customers;
  /// The data covers the whole window: it starts on or after --from (default: the first order's
  /// day) and ends on or before --to (default: the last order's day); `all` always.
  bool complete = true;
};

std::optional<decimal> repeat_rate(const window_metrics& w);
std::optional<decimal> purchase_frequency(const window_metrics& w);
std::optional<decimal> average_order_value(const window_metrics& w);
std::optional<decimal> customer_value(const window_metrics& w);
/// w.retained_customers / previous.customers, where previous is the window just before w.
std::optional<decimal> retention_rate(const window_metrics& previous, const window_metrics& w);
/// 1 - retention_rate(previous, w) as rounded: the two add up to exactly 1.
std::optional<decimal> churn_rate(const window_metrics& previous, const window_metrics& w);

/// `options` with --from and --to, where not given, set to the book's first and last order
/// days: the windows compute_metrics() gives, and the same windows for every group of a book.
window_options spanning(const order_book& book, window_options options);

/// One row per window from the first to the last (empty windows included, as zeros); none when
/// --from is after --to (the CLI refuses that before loading). Throws retain::error when revenue
/// overflows. A big book's customers are counted in up to `threads` parts at once; the counts
/// are the same.
std::vector<window_metrics> compute_metrics(const order_book& book, const window_options& options,
                                            unsigned threads = 1);

/// The windows as a table with the stable column names: window, start, end, customers, orders,
/// revenue, repeat_customers, repeat_rate, purchase_frequency, aov, customer_value,
/// new_customers, returning_customers, retained_customers, retention_rate, churn_rate, complete
/// (true or false). The terminal table and Markdown leave out start, end, retained_customers (the
/// rates beside it say more in less width) and complete (render_windows marks partial windows
/// instead), and title the rates "retention" and "churn".
table metrics_table(const std::vector<window_metrics>& windows);

}  // namespace retain
