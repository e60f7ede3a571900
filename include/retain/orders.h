// The order history that the loader hands to the analyses: every counted order, reduced to its
// customer, its calendar day and its amount. Nothing here knows about files or formats.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "retain/calendar.h"
#include "retain/decimal.h"

namespace retain {

struct order {
  std::uint32_t customer;  ///< index into order_book::customers
  day_t day;
  cents_t cents;
};

struct order_book {
  std::vector<std::string> customers;  ///< customer ids in no particular order; each has an order
  std::vector<order> orders;           ///< grouped by customer, each customer's sorted by day
};

}  // namespace retain
