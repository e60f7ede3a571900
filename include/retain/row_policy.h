// What happens to a row that cannot be read: with --strict the first one ends the run; otherwise
// each is skipped, counted, and the first few are kept to be shown with their place and reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace retain {

class row_policy {
 public:
  /// How many messages are kept to be shown; the rest are only counted.
  static constexpr std::size_t kShown = 10;

  struct message {
    std::uint64_t position;  ///< input number, then line: sorts messages into reading order
    std::string text;        ///< "path:line: reason"
  };

  explicit row_policy(bool strict) : strict_(strict) {}

  /// The inputs are numbered in the order they are read; messages sort by it.
  void set_input(std::uint32_t input) { input_ = input; }
  /// Records that the row at path:line is skipped. Throws retain::error "path:line: reason" when
  /// strict.
  void bad_row(std::string_view path, std::uint64_t line, std::string_view reason);

  std::uint64_t count() const { return count_; }
  /// The first kShown messages of this policy.
  const std::vector<message>& shown() const { return shown_; }

 private:
  bool strict_;
  std::uint32_t input_ = 0;
  std::uint64_t count_ = 0;
  std::vector<message> shown_;
};

}  // namespace retain
