#include "retain/row_policy.h"

#include <fmt/format.h>

#include "retain/error.h"

namespace retain {

void row_policy::bad_row(std::string_view path, std::uint64_t line, std::string_view reason) {
  std::string text = fmt::format("{}:{}: {}", path, line, reason);
  if (strict_) throw error(text + " (--strict)");
  ++count_;
  if (shown_.size() < kShown) shown_.push_back({(std::uint64_t{input_} << 44) | line, std::move(text)});
}

}  // namespace retain
