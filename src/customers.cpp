#include "retain/customers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <string>

#include "retain/error.h"

namespace retain {
namespace {

// Scores one of R, F, M: `key` gives each customer a value where larger is better.
template <class Key>
void score(std::vector<customer_summary>& customers, Key key,
           std::uint8_t customer_summary::*field) {
  std::vector<std::int64_t> values;
  values.reserve(customers.size());
  for (const customer_summary& c : customers) values.push_back(key(c));
  std::sort(values.begin(), values.end());
  const auto n = static_cast<std::int64_t>(values.size());
  for (customer_summary& c : customers) {
    const std::int64_t worse =
        std::lower_bound(values.begin(), values.end(), key(c)) - values.begin();
    c.*field = static_cast<std::uint8_t>(1 + 5 * worse / n);
  }
}

// A sort value as an exact fraction, so that ratios compare without rounding.
struct fraction {
  wide_t numerator;
  wide_t denominator;  // > 0
};

fraction sort_value(const customer_summary& c, sort_key key, day_t as_of) {
  switch (key) {
    case sort_key::revenue:
      return {c.revenue, 1};
    case sort_key::orders:
      return {static_cast<wide_t>(c.orders), 1};
    case sort_key::aov:
      return {c.revenue, static_cast<wide_t>(c.orders)};
    case sort_key::first_order:
      return {c.first_order, 1};
    case sort_key::last_order:
      return {c.last_order, 1};
    case sort_key::days_since_last_order:
      return {as_of - c.last_order, 1};
    case sort_key::frequency:
      return {static_cast<wide_t>(c.frequency), 1};
    case sort_key::recency:
      return {c.last_order - c.first_order, 1};
    case sort_key::t:
      return {as_of - c.first_order, 1};
    case sort_key::monetary_value:
      if (c.frequency == 0) return {0, 1};
      return {c.repeat_revenue, static_cast<wide_t>(c.frequency)};
    case sort_key::r_score:
      return {c.r_score, 1};
    case sort_key::f_score:
      return {c.f_score, 1};
    case sort_key::m_score:
      return {c.m_score, 1};
    case sort_key::segment:  // largest first: the segment listed first in the enum
      return {-static_cast<wide_t>(c.group), 1};
    case sort_key::customer:
      break;
  }
  return {0, 1};
}

static_assert(sizeof(customer_summary) <= 64, "a report holds millions of these");

// -1, 0 or 1 as a's id is before, equal to or after b's (byte order).
int compare_ids(const customer_summary& a, const customer_summary& b) {
  if (a.id_key != b.id_key) return a.id_key < b.id_key ? -1 : 1;
  const int order = a.id.compare(b.id);
  return order < 0 ? -1 : (order == 0 ? 0 : 1);
}

// -1, 0 or 1 as a is before, tied with or after b in the key's own order.
int compare(const customer_summary& a, const customer_summary& b, sort_key key, day_t as_of) {
  if (key == sort_key::customer) return compare_ids(a, b);
  const fraction x = sort_value(a, key, as_of);
  const fraction y = sort_value(b, key, as_of);
  const wide_t left = x.numerator * y.denominator;
  const wide_t right = y.numerator * x.denominator;
  return left > right ? -1 : (left == right ? 0 : 1);  // largest first
}

}  // namespace

std::uint64_t id_key_of(std::string_view id) {
  std::uint64_t key = 0;  // a shorter id is padded with the smallest byte
  for (std::size_t i = 0; i < 8; ++i) {
    key = key << 8 | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
  }
  return key;
}

std::string_view segment_name(segment s) {
  switch (s) {
    case segment::champions:
      return "Champions";
    case segment::loyal:
      return "Loyal";
    case segment::potential_loyalists:
      return "Potential loyalists";
    case segment::new_customers:
      return "New";
    case segment::at_risk:
      return "At risk";
    case segment::cant_lose:
      return "Can't lose";
    case segment::hibernating:
      return "Hibernating";
    case segment::lost:
      break;
  }
  return "Lost";
}

segment segment_of(int r_score, int f_score) {
  if (r_score >= 4) {
    if (f_score == 1) return segment::new_customers;
    if (f_score <= 3) return segment::potential_loyalists;
    return r_score == 5 ? segment::champions : segment::loyal;
  }
  if (r_score == 3) return f_score >= 4 ? segment::loyal : segment::hibernating;
  if (f_score == 5) return segment::cant_lose;
  if (f_score >= 3) return segment::at_risk;
  return r_score == 2 ? segment::hibernating : segment::lost;
}

decimal aov(const customer_summary& c) { return money(ratio(c.revenue, c.orders, 0).units); }

decimal monetary_value(const customer_summary& c) {
  if (c.frequency == 0) return money(0);
  return money(ratio(c.repeat_revenue, c.frequency, 0).units);
}

customer_report compute_customers(const order_book& book, const customer_options& options) {
  customer_report report;
  if (book.orders.empty()) return report;
  auto [first, last] =
      std::minmax_element(book.orders.begin(), book.orders.end(),
                          [](const order& a, const order& b) { return a.day < b.day; });
  report.as_of = options.as_of.value_or(options.to.value_or(last->day));
  const day_t from = options.from.value_or(first->day);
  const day_t end = std::min(report.as_of, options.to.value_or(report.as_of));
  if (options.as_of && report.as_of < first->day) {
    throw usage_error(fmt::format("--as-of {} is before the first order ({})",
                                  iso_date(report.as_of), iso_date(first->day)));
  }

  // Orders are grouped by customer, each customer's sorted by day.
  report.customers.reserve(book.customers.size());
  auto orders = book.orders.begin();
  while (orders != book.orders.end()) {
    const std::uint32_t customer = orders->customer;
    customer_summary c;
    c.id = book.customers[customer];
    c.id_key = id_key_of(c.id);
    for (; orders != book.orders.end() && orders->customer == customer; ++orders) {
      if (orders->day > end) {
        ++report.orders_after;
        continue;
      }
      if (orders->day < from) {
        ++report.orders_before;
        continue;
      }
      if (c.orders == 0) {
        c.first_order = orders->day;
      } else if (orders->day != c.last_order) {
        ++c.frequency;
      }
      c.last_order = orders->day;
      ++c.orders;
      bool fits = checked_add(c.revenue, orders->cents, c.revenue);
      if (orders->day != c.first_order) {
        fits = fits && checked_add(c.repeat_revenue, orders->cents, c.repeat_revenue);
      }
      if (!fits) {
        throw error(fmt::format("revenue of customer \"{}\" is too large to count in cents", c.id));
      }
    }
    if (c.orders == 0) {
      ++report.customers_after;
    } else {
      report.customers.push_back(c);
    }
  }

  // Larger is better: a later last order, more orders, more revenue.
  auto last_order = [](const customer_summary& c) { return std::int64_t{c.last_order}; };
  auto orders_count = [](const customer_summary& c) { return static_cast<std::int64_t>(c.orders); };
  auto revenue = [](const customer_summary& c) { return c.revenue; };
  auto& customers = report.customers;
  score(customers, last_order, &customer_summary::r_score);
  score(customers, orders_count, &customer_summary::f_score);
  score(customers, revenue, &customer_summary::m_score);
  for (customer_summary& c : customers) c.group = segment_of(c.r_score, c.f_score);
  return report;
}

decimal in_unit(day_t days, time_unit unit) {
  if (unit == time_unit::weeks) return ratio(days, 7, 4);
  return {days, 0};
}

std::vector<column> customer_columns() {
  return {{"customer", column_kind::text},
          {"first_order", column_kind::date, true, "first"},
          {"last_order", column_kind::date, true, "last"},
          {"orders", column_kind::count},
          {"revenue", column_kind::money},
          {"aov", column_kind::money, true, "AOV"},
          {"days_since_last_order", column_kind::count, true, "days since"},
          {"frequency", column_kind::count},
          {"recency", column_kind::number},
          {"T", column_kind::number},
          {"monetary_value", column_kind::money, true, "monetary"},
          {"r_score", column_kind::count, true, "R"},
          {"f_score", column_kind::count, true, "F"},
          {"m_score", column_kind::count, true, "M"},
          {"segment", column_kind::text}};
}

void sort_customers(customer_report& report, const listing_options& listing) {
  auto before = [&](const customer_summary& a, const customer_summary& b) {
    const int order = compare(a, b, listing.sort, report.as_of);
    if (order != 0) return listing.reverse ? order > 0 : order < 0;
    return compare_ids(a, b) < 0;
  };
  auto& customers = report.customers;
  if (listing.top && *listing.top < customers.size()) {
    const auto end = customers.begin() + static_cast<std::ptrdiff_t>(*listing.top);
    std::partial_sort(customers.begin(), end, customers.end(), before);
    customers.erase(end, customers.end());
  } else {
    std::sort(customers.begin(), customers.end(), before);
  }
}

void customer_row(const customer_summary& c, day_t as_of, time_unit unit, std::vector<value>& row) {
  auto count = [](std::uint64_t n) { return value(static_cast<std::int64_t>(n)); };
  row.resize(15);
  row[0] = std::string(c.id);
  row[1] = iso_date(c.first_order);
  row[2] = iso_date(c.last_order);
  row[3] = count(c.orders);
  row[4] = money(c.revenue);
  row[5] = aov(c);
  row[6] = count(static_cast<std::uint64_t>(as_of - c.last_order));
  row[7] = count(c.frequency);
  row[8] = in_unit(c.last_order - c.first_order, unit);
  row[9] = in_unit(as_of - c.first_order, unit);
  row[10] = monetary_value(c);
  row[11] = value(std::int64_t{c.r_score});
  row[12] = value(std::int64_t{c.f_score});
  row[13] = value(std::int64_t{c.m_score});
  row[14] = std::string(segment_name(c.group));
}

table customers_table(customer_report report, const listing_options& listing) {
  sort_customers(report, listing);
  table t;
  t.columns = customer_columns();
  for (const customer_summary& c : report.customers) {
    customer_row(c, report.as_of, listing.unit, t.rows.emplace_back());
  }
  return t;
}

}  // namespace retain
