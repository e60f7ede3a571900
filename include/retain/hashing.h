// Fast, well-mixed 64-bit hashing of byte strings for retain's open-addressing tables.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace retain {

/// Multiplies as 128 bits and folds the halves: the mixing step of the wyhash family.
inline std::uint64_t fold_multiply(std::uint64_t a, std::uint64_t b) {
  __extension__ typedef unsigned __int128 wide;
  wide product = static_cast<wide>(a) * b;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

/// A 64-bit hash of `text`; different seeds give independent hashes.
inline std::uint64_t hash_bytes(std::string_view text, std::uint64_t seed) {
  const char* p = text.data();
  std::size_t n = text.size();
  std::uint64_t h = seed ^ fold_multiply(n + 0x9E3779B97F4A7C15ull, 0xa0761d6478bd642full);
  while (n >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    h = fold_multiply(h ^ word, 0xe7037ed1a0b428dbull);
    p += 8;
    n -= 8;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  return fold_multiply(h ^ tail, 0x8ebc6af09c88c6e3ull) ^ (h >> 29);
}

}  // namespace retain
