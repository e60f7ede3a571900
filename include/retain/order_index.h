// Finds the order a row belongs to by its order id, for exports that spread an order over several
// line-item rows. An id of up to 11 bytes is kept exactly; a longer one by a 95-bit hash (two
// different long ids in a file of a billion orders collide with odds below 1 in 10^10).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "retain/big_memory.h"

namespace retain {

class order_index {
 public:
  /// 12 bytes, packed: one is kept for every order of an export with line items.
  struct __attribute__((packed, aligned(4))) key {
    std::uint64_t low = 0;
    std::uint32_t high = 0;
    bool operator==(const key& other) const { return low == other.low && high == other.high; }
  };
  static_assert(sizeof(key) == 12, "order keys are 12 bytes");

  static key make_key(std::string_view id);

  /// The value stored for `k`; if `k` is new, stores `value_if_new` and returns it.
  std::uint32_t find_or_add(key k, std::uint32_t value_if_new);

 private:
  struct slot {  // trivial: a big_array of them starts as zeroed pages
    std::uint64_t low;
    std::uint32_t high;
    std::uint32_t value_plus_one;  // 0: empty
  };

  static std::uint64_t position_hash(const key& k);
  void grow();

  big_array<slot> slots_;
  std::size_t size_ = 0;
};

/// The order keys of one builder in the order they were added, each stored as the bytes where
/// it differs from the key before (a byte of shared prefix and suffix lengths, then the bytes in
/// between): ids that count up, as exports number orders, take 2 bytes instead of 12.
class key_list {
 public:
  void push_back(const order_index::key& k);
  /// The key added last; only when not empty().
  const order_index::key& back() const { return last_; }
  bool empty() const { return bytes_.empty(); }

  /// Reads the keys back in order.
  class reader {
   public:
    explicit reader(const key_list& list) : at_(list.bytes_.data()) {}
    order_index::key next();

   private:
    const unsigned char* at_;
    unsigned char key_[12] = {};
  };

 private:
  std::vector<unsigned char> bytes_;
  order_index::key last_;
};

}  // namespace retain
