// The order history that the loader hands to the analyses: every counted order, reduced to its
// customer, its calendar day and its amount. Nothing here knows about files or formats.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "retain/calendar.h"
#include "retain/decimal.h"
#include "retain/interner.h"

namespace retain {

struct order {
  std::uint32_t customer;  ///< index into order_book::customers
  day_t day;
  cents_t cents;
};

/// The customer ids of a book, numbered from 0: the texts stay in the table the loader interned
/// them into (one copy of millions of ids), and each number names one of them.
class customer_table {
 public:
  customer_table() : names_(std::make_shared<interner>()) {}
  /// Numbers the ids of `names` listed in `ids`, in that order.
  customer_table(std::shared_ptr<interner> names, std::vector<std::uint32_t> ids)
      : names_(std::move(names)), ids_(std::move(ids)) {}

  /// Adds a customer to a table made by hand, as in tests (not to the loader's, whose interner
  /// is finished).
  void push_back(std::string_view text);
  std::string_view operator[](std::size_t i) const { return names_->text(ids_[i]); }
  std::size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }

 private:
  std::shared_ptr<interner> names_;
  std::vector<std::uint32_t> ids_;
};

struct order_book {
  customer_table customers;  ///< customer ids in no particular order; each has an order
  std::vector<order> orders;           ///< grouped by customer, each customer's sorted by day
};

}  // namespace retain
