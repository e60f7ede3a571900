// The customers analysis: one row per customer as of a given day, with order totals, the
// buy-till-you-die summary of Python lifetimes' summary_data_from_transaction_data, and RFM
// scores with a named segment. Pure computation on the order book, no I/O.
//
// Definitions (the one place they are written down; every format prints these numbers):
//   as_of                  the observation end (--as-of); default: the last order's day. Orders
//                          after it are left out, and so are customers with no order by then.
//   first_order, last_order  days of the customer's first and last order up to as_of
//   orders, revenue        the customer's orders up to as_of and the sum of their amounts
//   aov                    revenue / orders                                 (cents, 2 decimals)
//   days_since_last_order  as_of - last_order, in days
//   BTYD summary (as lifetimes with freq="D"; orders on the same day are one purchase):
//   frequency              purchase days - 1 (the repeat purchases)
//   recency                last purchase day - first purchase day           (time unit)
//   T                      as_of - first purchase day                        (time unit)
//   monetary_value         revenue of the repeat purchase days / frequency; 0 when frequency
//                          is 0 (the first purchase never counts)          (cents, 2 decimals)
//   The time unit is days (whole numbers) or weeks = days / 7 (4 decimals); weeks change only
//   the unit, purchases are always merged by day (lifetimes' freq="D", freq_multiplier=7).
//   RFM scores, 1..5, over all customers in the report:
//   score                  1 + floor(5 * worse / n), where n is the number of customers and
//                          worse the number of them with a strictly worse value; tied customers
//                          share a score. Recency: fewer days_since_last_order is better.
//                          Frequency: more orders. Monetary: more revenue.
//   segment                from the R and F scores, see segment_of().
// Ratios are rounded half away from zero.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "retain/calendar.h"
#include "retain/decimal.h"
#include "retain/names.h"
#include "retain/orders.h"
#include "retain/table.h"

namespace retain {

struct customer_options {
  /// The observation end (--as-of); default: --to, else the last order's day.
  std::optional<day_t> as_of;
  /// --from: orders before it are left out; default: none.
  std::optional<day_t> from;
  /// --to: orders after it are left out, as after as_of; default: none.
  std::optional<day_t> to;
};

enum class segment : std::uint8_t {
  champions,
  loyal,
  potential_loyalists,
  new_customers,
  at_risk,
  cant_lose,
  hibernating,
  lost
};

/// "Champions", "Loyal", "Potential loyalists", "New", "At risk", "Can't lose", "Hibernating",
/// "Lost".
std::string_view segment_name(segment s);

/// The segment of R and F scores (1..5); each pair is in exactly one row:
///   Champions            R 5     F 4-5
///   Loyal                R 3-4   F 4-5
///   Potential loyalists  R 4-5   F 2-3
///   New                  R 4-5   F 1
///   Hibernating          R 3     F 1-3,  or R 2  F 1-2
///   At risk              R 1-2   F 3-4
///   Can't lose           R 1-2   F 5
///   Lost                 R 1     F 1-2
segment segment_of(int r_score, int f_score);

/// The first 8 bytes of `id` as a big-endian number, zero-padded: where two ids' keys differ,
/// they order as the ids do (byte order), so a sort seldom reads the ids' text.
std::uint64_t id_key_of(std::string_view id);

/// One customer: 64 bytes, and never a formatted text (a report may hold millions).
struct customer_summary {
  std::string_view id;  ///< points into order_book::customers: valid while the book lives
  /// The id's first 8 bytes, big-endian, zero-padded: ids compare by it first, so that sorting
  /// seldom reads their text (set by compute_customers).
  std::uint64_t id_key = 0;
  day_t first_order = 0;
  day_t last_order = 0;
  std::uint64_t orders = 0;
  cents_t revenue = 0;
  cents_t repeat_revenue = 0;   ///< revenue of the repeat purchase days
  std::uint32_t frequency = 0;  ///< repeat purchase days
  std::uint8_t r_score = 0;
  std::uint8_t f_score = 0;
  std::uint8_t m_score = 0;
  segment group = segment::lost;
};

/// revenue / orders, to the cent.
decimal aov(const customer_summary& c);
/// repeat_revenue / frequency to the cent; 0.00 when frequency is 0.
decimal monetary_value(const customer_summary& c);

struct customer_report {
  day_t as_of = 0;
  /// One entry per customer with an order up to as_of, in the book's (meaningless) order.
  std::vector<customer_summary> customers;
  std::uint64_t orders_after = 0;   ///< orders left out for being after as_of or to
  std::uint64_t orders_before = 0;  ///< orders left out for being before from
  /// Customers left out: no order from `from` to as_of and to (their first order is after
  /// as_of, without from).
  std::uint64_t customers_after = 0;
};

/// Summarizes every customer of the book as of options.as_of, over the orders from options.from
/// to as_of and options.to. Throws a usage error when a given as_of is before the first order
/// of every customer, and retain::error when a customer's revenue
/// overflows. An empty book gives an empty report.
customer_report compute_customers(const order_book& book, const customer_options& options);

enum class time_unit { days, weeks };
/// The names of --time-unit (names.h).
inline constexpr named<time_unit> kTimeUnitNames[] = {{"days", time_unit::days},
                                                      {"weeks", time_unit::weeks}};

/// What --sort orders by. Numbers and dates sort largest and latest first, customer ids
/// ascending (byte order); ties always go by customer id ascending.
enum class sort_key {
  revenue,
  orders,
  aov,
  first_order,
  last_order,
  days_since_last_order,
  frequency,
  recency,
  t,  ///< T
  monetary_value,
  r_score,
  f_score,
  m_score,
  segment,  ///< best first: Champions, Loyal, ..., Hibernating, Lost (the enum's order)
  customer
};
/// The names of --sort (names.h): every column of the listing.
inline constexpr named<sort_key> kSortKeyNames[] = {
    {"revenue", sort_key::revenue},
    {"orders", sort_key::orders},
    {"aov", sort_key::aov},
    {"first_order", sort_key::first_order},
    {"last_order", sort_key::last_order},
    {"days_since_last_order", sort_key::days_since_last_order},
    {"frequency", sort_key::frequency},
    {"recency", sort_key::recency},
    {"T", sort_key::t},
    {"monetary_value", sort_key::monetary_value},
    {"r_score", sort_key::r_score},
    {"f_score", sort_key::f_score},
    {"m_score", sort_key::m_score},
    {"segment", sort_key::segment},
    {"customer", sort_key::customer}};

/// How the rows are listed; none of it changes a value (scores are over all customers).
struct listing_options {
  time_unit unit = time_unit::days;   ///< of recency and T (--time-unit)
  sort_key sort = sort_key::revenue;  ///< --sort
  bool reverse = false;               ///< the key's order reversed; ties still by id (--reverse)
  std::optional<std::size_t> top;     ///< only the first rows (--top); default: all
};

/// recency or T in the unit: whole days, or weeks with 4 decimals.
decimal in_unit(day_t days, time_unit unit);

/// The columns of the listing, with the stable names: customer, first_order, last_order,
/// orders, revenue, aov, days_since_last_order, frequency, recency, T, monetary_value, r_score,
/// f_score, m_score, segment.
std::vector<column> customer_columns();

/// Puts the report's customers in the listing's order, and keeps the first --top only. Sorts the
/// entries themselves: with millions of customers, reading them in order is what is fast.
void sort_customers(customer_report& report, const listing_options& listing);

/// One customer's values, in the order of customer_columns(), into `row`.
void customer_row(const customer_summary& c, day_t as_of, time_unit unit, std::vector<value>& row);

/// The listing as a whole table, from a sorted copy of the report (for small reports and tests;
/// the command writes the rows one by one through row_sink.h instead).
table customers_table(customer_report report, const listing_options& listing);

}  // namespace retain
