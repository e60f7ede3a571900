// Small order books written by hand for the analyses' tests.
#pragma once

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "retain/orders.h"

namespace retain::testing {

inline day_t d(int y, int m, int day) { return days_from_civil(y, m, day); }

/// Customers are named c0, c1, ... by index; orders are sorted as the loader sorts them.
inline order_book book_of(std::vector<order> orders) {
  order_book book;
  std::uint32_t customers = 0;
  for (const order& o : orders) customers = std::max(customers, o.customer + 1);
  for (std::uint32_t c = 0; c < customers; ++c) book.customers.push_back("c" + std::to_string(c));
  std::sort(orders.begin(), orders.end(), [](const order& a, const order& b) {
    return std::tie(a.customer, a.day, a.cents) < std::tie(b.customer, b.day, b.cents);
  });
  book.orders.assign(orders.begin(), orders.end());
  return book;
}

}  // namespace retain::testing
