#include "retain/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "retain/error.h"

namespace retain {
namespace {

// What the customers of one window did in it.
struct window_customers {
  std::vector<std::uint64_t> orders;        // one entry per customer with an order in the window
  std::vector<cents_t> values;              // the same customers' revenue, in the same order
  std::vector<day_t> days_to_second_order;  // of the window's new customers who returned
};

// The median of sorted values (not empty) with `places` decimals.
template <class T>
decimal median(const std::vector<T>& sorted, int places) {
  const std::size_t n = sorted.size();
  return ratio(static_cast<wide_t>(sorted[(n - 1) / 2]) + sorted[n / 2], 2, places);
}

window_summary summarize(const window_metrics& totals, window_customers customers) {
  window_summary s;
  s.totals = totals;
  std::vector<day_t>& days = customers.days_to_second_order;
  std::sort(days.begin(), days.end());
  if (!days.empty()) s.median_days_to_second_order = median(days, 1);
  std::vector<cents_t>& values = customers.values;
  const std::size_t n = values.size();
  if (n == 0) return s;

  s.one_time_buyer_share = ratio(totals.customers - totals.repeat_customers, totals.customers, 4);
  std::sort(customers.orders.begin(), customers.orders.end());
  s.median_orders_per_customer = median(customers.orders, 1);
  std::sort(values.begin(), values.end());
  s.median_customer_value = money(median(values, 0).units);
  s.p90_customer_value = money(values[(9 * n + 9) / 10 - 1]);  // rank ceil(0.9 n), from 1
  if (totals.revenue <= 0) return s;

  // Running sums over the customers of largest value first.
  const std::size_t top_fifth = (n + 4) / 5;
  const wide_t revenue = totals.revenue;
  wide_t held = 0;
  for (std::size_t k = 1; k <= n; ++k) {
    held += values[n - k];
    if (k == top_fifth) s.top20pct_revenue_share = ratio(held, revenue, 4);
    if (!s.customer_share_for_80pct_revenue && 5 * held >= 4 * revenue) {
      s.customer_share_for_80pct_revenue = ratio(k, n, 4);
    }
  }
  return s;
}

}  // namespace

std::vector<window_summary> compute_summary(const order_book& book, const window_options& options) {
  const std::vector<window_metrics> windows = compute_metrics(book, options);
  if (windows.empty()) return {};
  const window_kind kind = options.kind;
  const day_t from = windows.front().start;
  const day_t to = windows.back().end;
  const std::int64_t first_index = window_index(kind, from);
  auto window_of = [&](day_t day) {
    return static_cast<std::size_t>(window_index(kind, day) - first_index);
  };

  std::vector<window_customers> customers(windows.size());
  for (auto begin = book.orders.begin(); begin != book.orders.end();) {
    const std::uint32_t customer = begin->customer;
    const auto end = std::find_if(begin, book.orders.end(),
                                  [customer](const order& o) { return o.customer != customer; });
    // The customer's first and second orders of the whole input, both within --from/--to.
    if (end - begin > 1 && begin->day >= from && begin[1].day <= to) {
      customers[window_of(begin->day)].days_to_second_order.push_back(begin[1].day - begin->day);
    }
    // Orders are sorted by day: the orders of one window follow each other.
    std::optional<std::size_t> current;
    for (auto o = begin; o != end; ++o) {
      if (o->day < from || o->day > to) continue;
      const std::size_t w = window_of(o->day);
      window_customers& in_window = customers[w];
      if (current != w) {
        in_window.orders.push_back(0);
        in_window.values.push_back(0);
        current = w;
      }
      ++in_window.orders.back();
      if (!checked_add(in_window.values.back(), o->cents, in_window.values.back())) {
        throw error(fmt::format("revenue of customer \"{}\" in {} is too large to count in cents",
                                book.customers[customer], windows[w].label));
      }
    }
    begin = end;
  }

  std::vector<window_summary> summaries;
  summaries.reserve(windows.size());
  for (std::size_t w = 0; w < windows.size(); ++w) {
    summaries.push_back(summarize(windows[w], std::move(customers[w])));
  }
  return summaries;
}

table summary_table(const std::vector<window_summary>& windows) {
  table t;
  t.columns = {
      {"window", column_kind::text, true, "", "Window"},
      {"start", column_kind::date, false, "", "First day"},
      {"end", column_kind::date, false, "", "Last day"},
      {"customers", column_kind::count, true, "", "Customers"},
      {"orders", column_kind::count, true, "", "Orders"},
      {"revenue", column_kind::money, true, "", "Revenue"},
      {"aov", column_kind::money, true, "AOV", "Average order value"},
      {"repeat_rate", column_kind::rate, true, "repeat", "Repeat customers"},
      {"one_time_buyer_share", column_kind::rate, false, "", "One-time buyers"},
      {"purchase_frequency", column_kind::number, true, "frequency", "Orders per customer, mean"},
      {"median_orders_per_customer", column_kind::number, false, "", "Orders per customer, median"},
      {"median_days_to_second_order", column_kind::number, true, "days to 2nd",
       "Days from first to second order, median"},
      {"customer_value", column_kind::money, true, "value", "Value per customer, mean"},
      {"median_customer_value", column_kind::money, true, "median value",
       "Value per customer, median"},
      {"p90_customer_value", column_kind::money, true, "p90 value",
       "Value per customer, 90th percentile"},
      {"top20pct_revenue_share", column_kind::rate, true, "top 20%",
       "Revenue from the top 20% of customers"},
      {"customer_share_for_80pct_revenue", column_kind::rate, false, "",
       "Top customers holding 80% of revenue"},
      {"complete", column_kind::flag, false, "", "Complete window"}};
  auto optional = [](std::optional<decimal> d) { return d ? value(*d) : value(); };
  auto count = [](std::uint64_t n) { return value(static_cast<std::int64_t>(n)); };
  for (const window_summary& s : windows) {
    const window_metrics& w = s.totals;
    t.rows.push_back({w.label, iso_date(w.start), iso_date(w.end), count(w.customers),
                      count(w.orders), money(w.revenue), optional(average_order_value(w)),
                      optional(repeat_rate(w)), optional(s.one_time_buyer_share),
                      optional(purchase_frequency(w)), optional(s.median_orders_per_customer),
                      optional(s.median_days_to_second_order), optional(customer_value(w)),
                      optional(s.median_customer_value), optional(s.p90_customer_value),
                      optional(s.top20pct_revenue_share),
                      optional(s.customer_share_for_80pct_revenue), w.complete});
  }
  return t;
}

}  // namespace retain
