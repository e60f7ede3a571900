// Gives each distinct string a dense number (0, 1, 2, ...) and stores its text once, in large
// blocks; an open-addressing table of 16-byte slots finds it again. Looking up a string that was
// seen allocates nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "retain/big_memory.h"

namespace retain {

class interner {
 public:
  /// Longest string accepted; intern() refuses longer ones.
  static constexpr std::size_t kMaxLength = 65535;

  /// The number of `text` (at most kMaxLength bytes), new the first time it is seen.
  std::uint32_t intern(std::string_view text);
  std::size_t size() const { return size_; }
  /// Every string, indexed by its number.
  std::vector<std::string_view> texts() const;

 private:
  struct slot {
    const char* text = nullptr;
    std::uint32_t id_plus_one = 0;  // 0: empty
    std::uint16_t length = 0;
    std::uint16_t tag = 0;  // high bits of the hash, to skip most mismatches unread
  };

  void grow();
  const char* store(std::string_view text);

  big_array<slot> slots_;
  std::size_t size_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_left_ = 0;
  char* block_next_ = nullptr;
};

}  // namespace retain
