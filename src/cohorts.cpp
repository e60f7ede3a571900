#include "retain/cohorts.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "retain/decimal.h"
#include "retain/error.h"

namespace retain {
namespace {

bool counts_customers(cohort_metric metric) {
  return metric == cohort_metric::retention || metric == cohort_metric::customers;
}

void add_checked(const cohort& c, std::size_t period, std::int64_t amount, std::int64_t& total) {
  if (!checked_add(total, amount, total)) {
    throw error(fmt::format("revenue of cohort {} in period {} is too large to count in cents",
                            c.label, period));
  }
}

column_kind value_kind(cohort_metric metric) {
  switch (metric) {
    case cohort_metric::retention:
      return column_kind::rate;
    case cohort_metric::revenue:
    case cohort_metric::revenue_per_customer:
      return column_kind::money;
    case cohort_metric::customers:
    case cohort_metric::orders:
      break;
  }
  return column_kind::count;
}

// The value of one cell; undefined for an incomplete period.
value cell(cohort_metric metric, const cohort& c, std::size_t period) {
  if (period >= c.totals.size()) return {};
  const std::int64_t total = c.totals[period];
  switch (metric) {
    case cohort_metric::retention:
      return ratio(total, c.customers, 4);
    case cohort_metric::revenue:
      return money(total);
    case cohort_metric::revenue_per_customer:
      return money(ratio(total, c.customers, 0).units);
    case cohort_metric::customers:
    case cohort_metric::orders:
      break;
  }
  return total;
}

value count(std::uint64_t n) { return static_cast<std::int64_t>(n); }

}  // namespace

cohort_table compute_cohorts(const order_book& book, const cohort_options& options) {
  cohort_table result;
  result.metric = options.metric;
  if (book.orders.empty()) return result;
  const window_kind kind = options.kind;
  auto [first, last] =
      std::minmax_element(book.orders.begin(), book.orders.end(),
                          [](const order& a, const order& b) { return a.day < b.day; });
  if (options.to && *options.to < first->day) return result;
  const std::int64_t first_index = window_index(kind, first->day);
  const day_t last_day =
      options.to ? *options.to : std::max(last->day, options.last_day.value_or(last->day));
  const std::int64_t last_index = window_index(kind, last_day);
  // The last window's periods, when the data ends inside it, are dropped below unless included.
  const bool drop_last =
      options.partial == partial_policy::empty &&
      !window_complete(kind, last_index, window_start(kind, last_index), last_day);
  const day_t from = options.from.value_or(first->day);
  const day_t to = options.to.value_or(last->day);
  // One slot per window from the first to the last; the slots no customer falls in are dropped.
  std::vector<cohort> slots(static_cast<std::size_t>(last_index - first_index + 1));

  // Orders are grouped by customer, each customer's sorted by day: the first is the cohort's, and
  // periods only grow along a customer's orders.
  const bool by_customer = counts_customers(options.metric);
  auto o = book.orders.begin();
  while (o != book.orders.end()) {
    const std::uint32_t customer = o->customer;
    if (o->day < from || o->day > to) {  // first seen outside --from/--to: no cohort shown
      while (o != book.orders.end() && o->customer == customer) ++o;
      continue;
    }
    const std::int64_t cohort_index = window_index(kind, o->day);
    cohort& c = slots[static_cast<std::size_t>(cohort_index - first_index)];
    if (c.customers == 0) {
      c.label = window_label(kind, cohort_index);
      c.totals.assign(static_cast<std::size_t>(last_index - cohort_index + 1), 0);
    }
    ++c.customers;
    if (by_customer) ++c.totals[0];  // a customer's first order is in period 0
    std::size_t counted_period = 0;  // the last period this customer was counted in
    for (; o != book.orders.end() && o->customer == customer; ++o) {
      if (o->day > to) continue;
      const auto period = static_cast<std::size_t>(window_index(kind, o->day) - cohort_index);
      if (by_customer) {
        // Cumulative: counted again only in the period of the first return; the running sums
        // below carry that return on to the later periods.
        const bool counts =
            options.cumulative ? counted_period == 0 && period > 0 : period != counted_period;
        if (counts) {
          ++c.totals[period];
          counted_period = period;
        }
      } else if (options.metric == cohort_metric::orders) {
        ++c.totals[period];
      } else {
        add_checked(c, period, o->cents, c.totals[period]);
      }
    }
  }

  for (cohort& c : slots) {
    if (c.customers == 0) continue;
    if (options.cumulative) {
      // Returns accumulate from period 1 on (period 0 is the whole cohort); orders and revenue
      // from period 0.
      for (std::size_t p = by_customer ? 2 : 1; p < c.totals.size(); ++p) {
        add_checked(c, p, c.totals[p - 1], c.totals[p]);
      }
    }
    if (drop_last) c.totals.pop_back();
    result.cohorts.push_back(std::move(c));
  }
  if (!result.cohorts.empty()) result.periods = result.cohorts.front().totals.size();
  return result;
}

table cohort_long_table(const cohort_table& cohorts) {
  table t;
  t.columns = {{"cohort", column_kind::text},
               {"period", column_kind::count},
               {"cohort_customers", column_kind::count, true, "customers"},
               {"value", value_kind(cohorts.metric), true, "", "", true}};
  for (const cohort& c : cohorts.cohorts) {
    for (std::size_t p = 0; p < c.totals.size(); ++p) {
      t.rows.push_back({c.label, count(p), count(c.customers), cell(cohorts.metric, c, p)});
    }
  }
  return t;
}

table cohort_wide_table(const cohort_table& cohorts) {
  table t;
  t.columns = {{"cohort", column_kind::text},
               {"cohort_customers", column_kind::count, true, "customers"}};
  for (std::size_t p = 0; p < cohorts.periods; ++p) {
    // Period 0 is the whole cohort: it would set the colour scale.
    t.columns.push_back({fmt::format("p{}", p), value_kind(cohorts.metric), true, "", "", p > 0});
  }
  for (const cohort& c : cohorts.cohorts) {
    std::vector<value> row = {c.label, count(c.customers)};
    for (std::size_t p = 0; p < cohorts.periods; ++p) row.push_back(cell(cohorts.metric, c, p));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace retain
