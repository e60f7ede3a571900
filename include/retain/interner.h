// Gives each distinct string a dense number and stores its text once, in large blocks, so that
// looking up a row's customer or order id allocates nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace retain {

class interner {
 public:
  /// The number of `text`, given a new one (0, 1, 2, ...) the first time it is seen.
  std::uint32_t intern(std::string_view text);
  /// The number of `text` if it was seen, else -1.
  std::int64_t find(std::string_view text) const;
  std::string_view text(std::uint32_t id) const { return texts_[id]; }
  std::size_t size() const { return texts_.size(); }

 private:
  std::string_view store(std::string_view text);

  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_left_ = 0;
  char* block_next_ = nullptr;
  std::vector<std::string_view> texts_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

}  // namespace retain
