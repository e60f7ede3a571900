// The order history that the loader hands to the analyses: every counted order, reduced to its
// customer, its calendar day and its amount. Nothing here knows about files or formats.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "retain/calendar.h"
#include "retain/decimal.h"

namespace retain {

struct order {
  std::uint32_t customer;  ///< index into order_book::customers
  day_t day;
  cents_t cents;
};

/// Strings stored end to end: millions of short customer ids take a fraction of the memory of
/// as many std::string objects.
class string_table {
 public:
  /// Room for `strings` more strings of `bytes` in all.
  void reserve(std::size_t strings, std::size_t bytes) {
    ends_.reserve(ends_.size() + strings);
    bytes_.reserve(bytes_.size() + bytes);
  }
  void push_back(std::string_view text) {
    bytes_.append(text);
    ends_.push_back(bytes_.size());
  }
  std::string_view operator[](std::size_t i) const {
    std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  std::size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }

 private:
  std::string bytes_;
  std::vector<std::size_t> ends_;
};

struct order_book {
  string_table customers;  ///< customer ids in no particular order; each has an order
  std::vector<order> orders;           ///< grouped by customer, each customer's sorted by day
};

}  // namespace retain
