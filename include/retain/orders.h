// The order history that the loader hands to the analyses: every counted order, reduced to its
// customer, its calendar day and its amount. Nothing here knows about files or formats.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retain/big_memory.h"
#include "retain/calendar.h"
#include "retain/decimal.h"
#include "retain/interner.h"

namespace retain {

struct order {
  std::uint32_t customer;  ///< index into order_book::customers
  day_t day;
  cents_t cents;
};

/// The loader sizes the book's order list and then writes every entry, in several threads:
/// zeroing it first would be a serial pass over hundreds of MB for nothing.
using order_list = std::vector<order, uninitialized_allocator<order>>;

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
  /// The customers numbered `numbers` here, numbered 0, 1, ... in that order.
  customer_table subset(const std::vector<std::uint32_t>& numbers) const;
  std::size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }

 private:
  std::shared_ptr<interner> names_;
  std::vector<std::uint32_t> ids_;
};

struct order_book {
  customer_table customers;  ///< customer ids in no particular order; each has an order
  order_list orders;  ///< grouped by customer, each customer's sorted by day
  /// With --group-by: the groups' names (the column's values; "" for orders without one) and
  /// each customer's group. A customer who ordered in two groups is two customers of the book,
  /// one in each. Both empty without --group-by.
  std::vector<std::string> group_names;
  std::vector<std::uint16_t> customer_groups;
};

/// The book of one group: the orders of its customers.
struct group_book {
  std::string group;
  order_book book;
};

/// One book per group that has customers, in order of group name; a book without groups is
/// one group named "".
std::vector<group_book> split_by_group(order_book book);

}  // namespace retain
