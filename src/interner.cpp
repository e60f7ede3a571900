#include "retain/interner.h"

#include <algorithm>
#include <cstring>

#include "retain/big_memory.h"
#include "retain/hashing.h"

namespace retain {
namespace {
constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
constexpr std::uint64_t kSeed = 0x243F6A8885A308D3ull;
}  // namespace

const char* interner::store(std::string_view text) {
  if (text.size() > block_left_) {
    std::size_t size = std::max(kBlockBytes, text.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    block_next_ = blocks_.back().get();
    block_left_ = size;
  }
  char* stored = block_next_;
  std::memcpy(stored, text.data(), text.size());
  block_next_ += text.size();
  block_left_ -= text.size();
  return stored;
}

void interner::grow() {
  big_array<slot> old = std::move(slots_);
  slots_ = big_array<slot>(old.size() == 0 ? 1024 : old.size() * 2);
  const std::size_t mask = slots_.size() - 1;
  for (const slot& s : old) {
    if (s.id_plus_one == 0) continue;
    std::size_t i = hash_bytes({s.text, s.length}, kSeed) & mask;
    while (slots_[i].id_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::uint32_t interner::intern(std::string_view text) {
  if ((size_ + 1) * 10 > slots_.size() * 7) grow();  // keep the load under 0.7
  const std::uint64_t hash = hash_bytes(text, kSeed);
  const auto tag = static_cast<std::uint16_t>(hash >> 48);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    slot& s = slots_[i];
    if (s.id_plus_one == 0) {
      s.text = store(text);
      s.length = static_cast<std::uint16_t>(text.size());
      s.tag = tag;
      s.id_plus_one = static_cast<std::uint32_t>(++size_);
      return s.id_plus_one - 1;
    }
    if (s.tag == tag && s.length == text.size() && std::memcmp(s.text, text.data(), text.size()) == 0) {
      return s.id_plus_one - 1;
    }
  }
}

std::vector<std::string_view> interner::texts() const {
  std::vector<std::string_view> out(size_);
  for (const slot& s : slots_) {
    if (s.id_plus_one != 0) out[s.id_plus_one - 1] = {s.text, s.length};
  }
  return out;
}

}  // namespace retain
