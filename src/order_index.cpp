#include "retain/order_index.h"

#include <algorithm>
#include <cstring>

#include "retain/big_memory.h"
#include "retain/hashing.h"

namespace retain {

order_index::key order_index::make_key(std::string_view id) {
  key k;
  if (id.size() <= 11) {
    // The bytes themselves, with the length in the top byte (below 0x80).
    unsigned char bytes[12] = {};
    std::memcpy(bytes, id.data(), id.size());
    bytes[11] = static_cast<unsigned char>(id.size());
    std::memcpy(&k.low, bytes, 8);
    std::memcpy(&k.high, bytes + 8, 4);
  } else {
    // A hash, with the top bit set so that it never equals a short id.
    k.low = hash_bytes(id, 0x13198A2E03707344ull);
    k.high = static_cast<std::uint32_t>(hash_bytes(id, 0xA4093822299F31D0ull)) | 0x80000000u;
  }
  return k;
}

std::uint64_t order_index::position_hash(const key& k) {
  std::uint64_t h = fold_multiply(k.low ^ 0x9E3779B97F4A7C15ull, 0xBF58476D1CE4E5B9ull);
  return fold_multiply(h ^ k.high, 0x94D049BB133111EBull);
}

void order_index::grow() {
  big_array<slot> old = std::move(slots_);
  slots_ = big_array<slot>(old.size() == 0 ? 1024 : old.size() * 2);
  const std::size_t mask = slots_.size() - 1;
  for (const slot& s : old) {
    if (s.value_plus_one == 0) continue;
    std::size_t i = position_hash({s.low, s.high}) & mask;
    while (slots_[i].value_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::uint32_t order_index::find_or_add(key k, std::uint32_t value_if_new) {
  if ((size_ + 1) * 10 > slots_.size() * 7) grow();  // keep the load under 0.7
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = position_hash(k) & mask;; i = (i + 1) & mask) {
    slot& s = slots_[i];
    if (s.value_plus_one == 0) {
      s = {k.low, k.high, value_if_new + 1};
      ++size_;
      return value_if_new;
    }
    if (s.low == k.low && s.high == k.high) return s.value_plus_one - 1;
  }
}

void key_list::push_back(const order_index::key& k) {
  unsigned char before[12], now[12];
  std::memcpy(before, &last_, 12);
  std::memcpy(now, &k, 12);
  unsigned prefix = 0, suffix = 0;
  while (prefix < 12 && before[prefix] == now[prefix]) ++prefix;
  while (suffix < 12 - prefix && before[11 - suffix] == now[11 - suffix]) ++suffix;
  if (bytes_.capacity() - bytes_.size() < 13) {
    reserve_huge(bytes_, std::max<std::size_t>(bytes_.capacity() * 2, std::size_t{4} << 20));
  }
  bytes_.push_back(static_cast<unsigned char>(prefix << 4 | suffix));
  bytes_.insert(bytes_.end(), now + prefix, now + 12 - suffix);
  last_ = k;
}

order_index::key key_list::reader::next() {
  const unsigned prefix = *at_ >> 4, suffix = *at_ & 0x0F;
  ++at_;
  const unsigned middle = 12 - prefix - suffix;
  std::memcpy(key_ + prefix, at_, middle);
  at_ += middle;
  order_index::key k;
  std::memcpy(&k, key_, 12);
  return k;
}

}  // namespace retain
