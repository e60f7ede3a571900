#include "retain/interner.h"

#include <algorithm>
#include <cstring>

namespace retain {
namespace {
constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
}

std::string_view interner::store(std::string_view text) {
  if (text.size() > block_left_) {
    std::size_t size = std::max(kBlockBytes, text.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    block_next_ = blocks_.back().get();
    block_left_ = size;
  }
  std::memcpy(block_next_, text.data(), text.size());
  std::string_view stored(block_next_, text.size());
  block_next_ += text.size();
  block_left_ -= text.size();
  return stored;
}

std::uint32_t interner::intern(std::string_view text) {
  auto it = ids_.find(text);
  if (it != ids_.end()) return it->second;
  auto id = static_cast<std::uint32_t>(texts_.size());
  std::string_view stored = store(text);
  texts_.push_back(stored);
  ids_.emplace(stored, id);
  return id;
}

std::int64_t interner::find(std::string_view text) const {
  auto it = ids_.find(text);
  return it == ids_.end() ? -1 : it->second;
}

}  // namespace retain
