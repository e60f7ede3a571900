#include "retain/metrics.h"

#include <fmt/format.h>

#include <algorithm>

#include "retain/error.h"
#include "retain/parallel.h"

namespace retain {

std::optional<decimal> repeat_rate(const window_metrics& w) {
  if (w.customers == 0) return std::nullopt;
  return ratio(w.repeat_customers, w.customers, 4);
}

std::optional<decimal> purchase_frequency(const window_metrics& w) {
  if (w.customers == 0) return std::nullopt;
  return ratio(w.orders, w.customers, 4);
}

std::optional<decimal> average_order_value(const window_metrics& w) {
  if (w.orders == 0) return std::nullopt;
  return money(ratio(w.revenue, w.orders, 0).units);
}

std::optional<decimal> customer_value(const window_metrics& w) {
  if (w.customers == 0) return std::nullopt;
  return money(ratio(w.revenue, w.customers, 0).units);
}

std::optional<decimal> retention_rate(const window_metrics& previous, const window_metrics& w) {
  if (!w.retained_customers || previous.customers == 0) return std::nullopt;
  return ratio(*w.retained_customers, previous.customers, 4);
}

std::optional<decimal> churn_rate(const window_metrics& previous, const window_metrics& w) {
  std::optional<decimal> retention = retention_rate(previous, w);
  if (!retention) return std::nullopt;
  constexpr std::int64_t kOne = 10000;  // 1 in the 4 decimals of a rate
  return decimal{kOne - retention->units, retention->places};
}

window_options spanning(const order_book& book, window_options options) {
  if (book.orders.empty() || (options.from && options.to)) return options;
  auto [first, last] = std::minmax_element(
      book.orders.begin(), book.orders.end(),
      [](const order& a, const order& b) { return a.day < b.day; });
  if (!options.from) options.from = first->day;
  if (!options.to) options.to = last->day;
  return options;
}

namespace {

// Counts the customers whose orders are [first, last), whole customers, into `windows`: the
// windows from `first_index` on, within --from/--to.
void count_customers(order_list::const_iterator first, order_list::const_iterator last,
                     const window_options& span, std::int64_t first_index,
                     std::vector<window_metrics>& windows) {
  const day_t from = *span.from;
  const day_t to = *span.to;
  // Orders are sorted by customer, then day: walk each customer's orders window by window.
  auto orders = first;
  while (orders != last) {
    const std::uint32_t customer = orders->customer;
    const day_t first_day = orders->day;
    std::optional<std::int64_t> previous_index;  // its last window so far within --from/--to
    while (orders != last && orders->customer == customer) {
      if (orders->day < from || orders->day > to) {
        ++orders;
        continue;
      }
      const std::int64_t index = window_index(span.kind, orders->day);
      window_metrics& w = windows[static_cast<std::size_t>(index - first_index)];
      std::uint64_t in_window = 0;  // the customer's orders up to the window's last day
      for (; orders != last && orders->customer == customer && orders->day <= w.end; ++orders) {
        ++in_window;
        if (!checked_add(w.revenue, orders->cents, w.revenue)) {
          throw error(fmt::format("revenue in {} is too large to count in cents", w.label));
        }
      }
      ++w.customers;
      w.orders += in_window;
      if (in_window > 1) ++w.repeat_customers;
      if (first_day >= w.start && first_day <= w.end) ++w.new_customers;
      if (previous_index == index - 1) ++*w.retained_customers;
      previous_index = index;
    }
  }
}

// Adds the counts of `part` (the same windows) to `into`.
void add_counts(std::vector<window_metrics>& into, const std::vector<window_metrics>& part) {
  for (std::size_t i = 0; i < into.size(); ++i) {
    window_metrics& w = into[i];
    const window_metrics& p = part[i];
    w.customers += p.customers;
    w.orders += p.orders;
    if (!checked_add(w.revenue, p.revenue, w.revenue)) {
      throw error(fmt::format("revenue in {} is too large to count in cents", w.label));
    }
    w.repeat_customers += p.repeat_customers;
    w.new_customers += p.new_customers;
    if (w.retained_customers) *w.retained_customers += *p.retained_customers;
  }
}

}  // namespace

std::vector<window_metrics> compute_metrics(const order_book& book, const window_options& options,
                                            unsigned threads) {
  if (book.orders.empty()) return {};
  const window_options span = spanning(book, options);
  const day_t from = *span.from;
  const day_t to = *span.to;
  if (from > to) return {};

  const window_kind kind = options.kind;
  const std::int64_t first_index = window_index(kind, from);
  const std::int64_t count = window_index(kind, to) - first_index + 1;
  std::vector<window_metrics> windows(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    window_metrics& w = windows[static_cast<std::size_t>(i)];
    w.label = window_label(kind, first_index + i);
    w.start = std::max(from, window_start(kind, first_index + i));
    w.end = std::min(to, window_end(kind, first_index + i));
    w.complete = window_complete(kind, first_index + i, from, to);
    if (i > 0) w.retained_customers = 0;
  }

  // The customers in parts of at least kPartOrders orders, a thread each, cut between customers.
  constexpr std::size_t kPartOrders = std::size_t{1} << 16;
  const std::size_t parts =
      std::clamp<std::size_t>(book.orders.size() / kPartOrders, 1, std::max(threads, 1u));
  std::vector<order_list::const_iterator> cuts = {book.orders.begin()};
  for (std::size_t p = 1; p < parts; ++p) {
    auto cut = book.orders.begin() + static_cast<std::ptrdiff_t>(book.orders.size() * p / parts);
    while (cut != book.orders.end() && cut != book.orders.begin() &&
           cut->customer == (cut - 1)->customer) {
      ++cut;
    }
    cuts.push_back(std::max(cut, cuts.back()));
  }
  cuts.push_back(book.orders.end());
  std::vector<std::vector<window_metrics>> counts(parts - 1, windows);
  in_parallel(parts, [&](std::size_t p) {
    count_customers(cuts[p], cuts[p + 1], span, first_index, p == 0 ? windows : counts[p - 1]);
  });
  for (const std::vector<window_metrics>& part : counts) add_counts(windows, part);
  for (window_metrics& w : windows) w.returning_customers = w.customers - w.new_customers;
  window_metrics& last_window = windows.back();
  if (!last_window.complete && options.partial == partial_policy::empty) {
    last_window.retained_customers.reset();
  }
  return windows;
}

table metrics_table(const std::vector<window_metrics>& windows) {
  table t;
  t.columns = {{"window", column_kind::text},
               {"start", column_kind::date, false},
               {"end", column_kind::date, false},
               {"customers", column_kind::count},
               {"orders", column_kind::count},
               {"revenue", column_kind::money},
               {"repeat_customers", column_kind::count, true, "repeat"},
               {"repeat_rate", column_kind::rate},
               {"purchase_frequency", column_kind::number, true, "frequency"},
               {"aov", column_kind::money, true, "AOV"},
               {"customer_value", column_kind::money, true, "value"},
               {"new_customers", column_kind::count, true, "new"},
               {"returning_customers", column_kind::count, true, "returning"},
               {"retained_customers", column_kind::count, false},
               {"retention_rate", column_kind::rate, true, "retention"},
               {"churn_rate", column_kind::rate, true, "churn"},
               {"complete", column_kind::flag, false}};
  auto optional = [](std::optional<decimal> d) { return d ? value(*d) : value(); };
  auto count = [](std::uint64_t n) { return value(static_cast<std::int64_t>(n)); };
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const window_metrics& w = windows[i];
    // The first window has no previous one: its retained_customers is unset, so both rates are
    // undefined whichever window stands in for the previous one.
    const window_metrics& previous = windows[i > 0 ? i - 1 : 0];
    t.rows.push_back(
        {w.label, iso_date(w.start), iso_date(w.end), count(w.customers), count(w.orders),
         money(w.revenue), count(w.repeat_customers), optional(repeat_rate(w)),
         optional(purchase_frequency(w)), optional(average_order_value(w)),
         optional(customer_value(w)), count(w.new_customers), count(w.returning_customers),
         w.retained_customers ? count(*w.retained_customers) : value(),
         optional(retention_rate(previous, w)), optional(churn_rate(previous, w)), w.complete});
  }
  return t;
}

}  // namespace retain
