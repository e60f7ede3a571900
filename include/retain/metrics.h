// The metrics core: repeat-customer rate, purchase frequency, average order value and customer
// value per time window, computed from the order book alone. Pure computation, no I/O.
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
// Ratios are rounded half away from zero; a ratio over zero is undefined (nullopt).
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
};

std::optional<decimal> repeat_rate(const window_metrics& w);
std::optional<decimal> purchase_frequency(const window_metrics& w);
std::optional<decimal> average_order_value(const window_metrics& w);
std::optional<decimal> customer_value(const window_metrics& w);

/// One row per window from the first to the last (empty windows included, as zeros). Throws
/// retain::error when --from is after --to or revenue overflows.
std::vector<window_metrics> compute_metrics(const order_book& book, const window_options& options);

/// The windows as a table with the stable column names: window, start, end, customers, orders,
/// revenue, repeat_customers, repeat_rate, purchase_frequency, aov, customer_value,
/// new_customers, returning_customers.
table metrics_table(const std::vector<window_metrics>& windows);

}  // namespace retain
