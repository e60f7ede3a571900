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

// Seven customers over January to April 2024, with nothing in March. By month (cents):
//   Jan  c0 10000  c1 6000+1000  c2 3000  c3 2000  c4 1000  c5 500  c6 500
//   Feb  c0 2000   c2 2000+1000  c4 500   c6 1500+101
//   Apr  c0 1000   c3 1500
// Days from the first to the second order: c0 31, c1 2, c2 31, c3 91, c4 42, c6 44; c5 none.
inline order_book seven_customers() {
  return book_of({{0, d(2024, 1, 1), 10000},
                  {0, d(2024, 2, 1), 2000},
                  {0, d(2024, 4, 1), 1000},
                  {1, d(2024, 1, 2), 6000},
                  {1, d(2024, 1, 4), 1000},
                  {2, d(2024, 1, 3), 3000},
                  {2, d(2024, 2, 3), 2000},
                  {2, d(2024, 2, 10), 1000},
                  {3, d(2024, 1, 4), 2000},
                  {3, d(2024, 4, 4), 1500},
                  {4, d(2024, 1, 5), 1000},
                  {4, d(2024, 2, 16), 500},
                  {5, d(2024, 1, 6), 500},
                  {6, d(2024, 1, 7), 500},
                  {6, d(2024, 2, 20), 1500},
                  {6, d(2024, 2, 21), 101}});
}

}  // namespace retain::testing
