// What happens to a row that cannot be read: with --strict the first one ends the run; otherwise
// each is skipped, counted by kind, and the first few are kept to be shown with their place and
// reason (and the first three of each kind, for the message that ends a run over its budget).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace retain {

class row_policy {
 public:
  /// How many messages are kept to be shown; the rest are only counted.
  static constexpr std::size_t kShown = 10;
  /// How many examples of each kind are kept.
  static constexpr std::size_t kExamples = 3;

  struct message {
    std::uint64_t position;  ///< input number, then line: sorts messages into reading order
    std::string text;        ///< "path:line: reason"
    bool operator<(const message& other) const { return position < other.position; }
  };
  struct kind_count {
    std::uint64_t count = 0;
    std::vector<message> examples;  ///< the first kExamples of this kind
  };

  explicit row_policy(bool strict) : strict_(strict) {}

  /// The inputs are numbered in the order they are read; messages sort by it.
  void set_input(std::uint32_t input) { input_ = input; }
  /// Records that the row at path:line is skipped; `kind` names what went wrong in words shared
  /// by all such rows ("a date that cannot be read"). Throws retain::error "path:line: reason"
  /// when strict.
  void bad_row(std::string_view path, std::uint64_t line, std::string_view kind,
               std::string_view reason);
  /// Adds another policy's counts and messages (of other rows of the same inputs).
  void merge(const row_policy& other);

  std::uint64_t count() const { return count_; }
  /// The first kShown messages, in reading order.
  std::vector<std::string> shown() const;
  /// The kind with the most rows (ties: the first in words), and its count and first examples.
  std::pair<std::string, kind_count> commonest() const;

 private:
  bool strict_;
  std::uint32_t input_ = 0;
  std::uint64_t count_ = 0;
  std::vector<message> shown_;
  std::map<std::string, kind_count, std::less<>> kinds_;
};

}  // namespace retain
