// The cohorts analysis: customers grouped by the window of their first order (their acquisition
// cohort), and what each cohort did in that window and every window after it. Pure computation,
// no I/O.
//
// Definitions (the one place they are written down; every format prints these numbers):
//   cohort            the window (week, month, quarter or year) of a customer's first order in
//                     the whole input; windows in which no customer ordered first have no row
//   cohort_customers  customers in the cohort (never 0)
//   period p          an order's window index minus its cohort's: 0 is the cohort's own window
//   retention         customers of the cohort with an order in period p / cohort_customers
//                     (a rate, 4 decimals; period 0 is 1 by definition)
//   customers         customers of the cohort with an order in period p
//   orders, revenue   the cohort's orders in period p and the sum of their amounts (cents)
//   revenue_per_customer  revenue / cohort_customers (money, 2 decimals)
//   cumulative        retention and customers count a customer in period p >= 1 when they
//                     ordered in any of periods 1..p (period 0 stays cohort_customers); orders
//                     and revenue are running sums over periods 0..p, and revenue_per_customer is
//                     that running revenue / cohort_customers
//   incomplete        period p of a cohort is incomplete, and has no value (not zero), when
//                     the window cohort + p ends after the last day the data covers (--to, else
//                     the input's last order day): the windows after that day's, and that day's
//                     own window unless it ends on that day (a partial window, calendar.h
//                     window_complete), which --partial include shows from the days covered
// Ratios are rounded half away from zero.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retain/calendar.h"
#include "retain/names.h"
#include "retain/orders.h"
#include "retain/table.h"

namespace retain {

/// What a cell of the cohort table shows (--metric).
enum class cohort_metric { retention, customers, orders, revenue, revenue_per_customer };

/// The names of --metric (names.h).
inline constexpr named<cohort_metric> kCohortMetricNames[] = {
    {"retention", cohort_metric::retention},
    {"customers", cohort_metric::customers},
    {"orders", cohort_metric::orders},
    {"revenue", cohort_metric::revenue},
    {"revenue_per_customer", cohort_metric::revenue_per_customer}};

struct cohort_options {
  /// The window that defines cohorts and periods (--window); the CLI offers week, month
  /// (default), quarter and year.
  window_kind kind = window_kind::month;
  /// What each cell shows (--metric); default retention.
  cohort_metric metric = cohort_metric::retention;
  /// Count returns and sum orders and revenue over periods up to each one (--cumulative);
  /// default off: each period on its own.
  bool cumulative = false;
  /// The last day the data covers (default: the book's last order day); periods after its
  /// window are incomplete. A group of --group-by is observed up to the whole input's last day.
  std::optional<day_t> last_day;
  /// --from: only customers whose first order of the whole input is on or after it make
  /// cohorts (a customer first seen earlier belongs to an earlier cohort, not shown); default:
  /// all.
  std::optional<day_t> from;
  /// --to: orders after it are not counted, customers first seen after it make no cohort, and
  /// periods after its window are incomplete (it takes the place of last_day); default: none.
  std::optional<day_t> to;
  /// --partial: whether the periods in the window of the last day, when it ends after that day,
  /// are incomplete (empty, the default) or counted from the days covered (include).
  partial_policy partial = partial_policy::empty;
};

struct cohort {
  std::string label;            ///< the cohort's window: 2024-01, 2024-W03, 2024-Q1, 2024
  std::uint64_t customers = 0;  ///< cohort_customers
  /// One exact total per complete period 0, 1, ...: customers (for retention and customers),
  /// orders, or cents (for revenue and revenue_per_customer), cumulative when asked. Periods
  /// from totals.size() on are incomplete.
  std::vector<std::int64_t> totals;
};

struct cohort_table {
  cohort_metric metric = cohort_metric::retention;
  std::size_t periods = 0;  ///< period columns: from the first cohort to the last complete window
  std::vector<cohort> cohorts;  ///< in window order
};

/// Every cohort with its complete periods (a cohort of a partial last window has none); an
/// empty book, or one without a first order within
/// from/to, gives no cohorts. Throws retain::error
/// when a revenue total does not fit in 64-bit cents.
cohort_table compute_cohorts(const order_book& book, const cohort_options& options);

/// Long form, one row per cohort and complete period (incomplete periods have no row), with the
/// stable columns cohort, period, cohort_customers, value.
table cohort_long_table(const cohort_table& cohorts);

/// Wide form, one row per cohort: cohort, cohort_customers, p0, p1, ... up to the last period;
/// incomplete periods are undefined.
table cohort_wide_table(const cohort_table& cohorts);

}  // namespace retain
