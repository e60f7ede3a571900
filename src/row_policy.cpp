#include "retain/row_policy.h"

#include <fmt/format.h>

#include <algorithm>

#include "retain/error.h"

namespace retain {
namespace {

// Keeps the `limit` first messages in reading order.
void keep_first(std::vector<row_policy::message>& messages, std::size_t limit) {
  std::sort(messages.begin(), messages.end());
  if (messages.size() > limit) messages.resize(limit);
}

}  // namespace

void row_policy::bad_row(std::string_view path, std::uint64_t line, std::string_view kind,
                         std::string_view reason) {
  std::string text = fmt::format("{}:{}: {}", path, line, reason);
  if (strict_) throw error(text + " (--strict)");
  ++count_;
  const std::uint64_t position = (std::uint64_t{input_} << 44) | line;
  auto it = kinds_.find(kind);
  if (it == kinds_.end()) it = kinds_.emplace(std::string(kind), kind_count{}).first;
  ++it->second.count;
  if (it->second.examples.size() < kExamples) it->second.examples.push_back({position, text});
  if (shown_.size() < kShown) shown_.push_back({position, std::move(text)});
}

void row_policy::merge(const row_policy& other) {
  count_ += other.count_;
  shown_.insert(shown_.end(), other.shown_.begin(), other.shown_.end());
  keep_first(shown_, kShown);
  for (const auto& [kind, counted] : other.kinds_) {
    kind_count& mine = kinds_[kind];
    mine.count += counted.count;
    mine.examples.insert(mine.examples.end(), counted.examples.begin(), counted.examples.end());
    keep_first(mine.examples, kExamples);
  }
}

std::vector<std::string> row_policy::shown() const {
  std::vector<std::string> texts;
  for (const message& m : shown_) texts.push_back(m.text);
  return texts;
}

std::pair<std::string, row_policy::kind_count> row_policy::commonest() const {
  std::pair<std::string, kind_count> best;
  for (const auto& [kind, counted] : kinds_) {
    if (counted.count > best.second.count) best = {kind, counted};
  }
  return best;
}

}  // namespace retain
