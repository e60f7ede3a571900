// The summary analysis: one screen of numbers for the whole input, or one row of them per window:
// the metrics of metrics.h beside how orders and revenue spread over the customers (medians,
// the 90th percentile, the top 20% of customers) and how soon new customers order again. Pure
// computation on the order book, no I/O.
//
// Definitions (the one place they are written down; every format prints these numbers). Every
// number is over the orders inside the window, which is clipped to --from/--to:
//   customers, orders, revenue, aov, repeat_rate, purchase_frequency, customer_value
//                        exactly as in metrics.h (the same computation): purchase_frequency is
//                        the mean orders per customer, customer_value the mean value
//   value                a customer's revenue in the window
//   one_time_buyer_share customers with exactly one order in the window / customers (4 decimals)
//   median_orders_per_customer   the median of the customers' order counts (1 decimal)
//   median_days_to_second_order  the median, over the window's new customers (first order in the
//                        whole input in the window, as metrics' new_customers) who placed a
//                        second order by the last day counted (--to, default the last order's
//                        day), of the days from the first to the second order; 0 when both are
//                        on one day (1 decimal). Customers first seen late in the input have had
//                        less time to return: compare windows of the same age.
//   median_customer_value        the median value (cents, 2 decimals)
//   p90_customer_value   the value of nearest rank ceil(0.9 x customers), smallest first: at
//                        least 90% of the customers have this value or less (exact, no rounding)
//   top20pct_revenue_share       the summed value of the ceil(0.2 x customers) customers of
//                        largest value / revenue (4 decimals)
//   customer_share_for_80pct_revenue   the smallest k / customers such that the k customers of
//                        largest value hold at least 80% of revenue (4 decimals)
// A median of an odd count is the middle value, of an even count the mean of the two middle
// values: exact for orders and days (x.0 or x.5), rounded half away from zero to the cent for
// values. Which of two customers of equal value counts first never changes a sum. Ratios are
// rounded half away from zero. A number over no customers, over no new customer who returned, or
// (the two revenue shares) over revenue of zero or less is undefined (nullopt).
#pragma once

#include <optional>
#include <vector>

#include "retain/decimal.h"
#include "retain/metrics.h"
#include "retain/orders.h"
#include "retain/table.h"

namespace retain {

struct window_summary {
  /// The window and its totals, from compute_metrics: the metrics of the window.
  window_metrics totals;
  std::optional<decimal> one_time_buyer_share;
  std::optional<decimal> median_orders_per_customer;
  std::optional<decimal> median_days_to_second_order;
  std::optional<decimal> median_customer_value;
  std::optional<decimal> p90_customer_value;
  std::optional<decimal> top20pct_revenue_share;
  std::optional<decimal> customer_share_for_80pct_revenue;
};

/// One row per window of compute_metrics(book, options), in the same order, with the same
/// totals; an empty book or range gives no rows. Throws as compute_metrics does, and
/// retain::error when a customer's value in a window does not fit in 64-bit cents. Holds one
/// entry per customer and window with an order in it.
std::vector<window_summary> compute_summary(const order_book& book, const window_options& options);

/// The windows as a table with the stable column names: window, start, end, customers, orders,
/// revenue, aov, repeat_rate, one_time_buyer_share, purchase_frequency,
/// median_orders_per_customer, median_days_to_second_order, customer_value,
/// median_customer_value, p90_customer_value, top20pct_revenue_share,
/// customer_share_for_80pct_revenue, complete (metrics.h: false for a partial window, whose
/// numbers are over the days the data covers). Each column has a label for render_row.
table summary_table(const std::vector<window_summary>& windows);

}  // namespace retain
