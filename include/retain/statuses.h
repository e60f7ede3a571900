// STUB until the statuses branch lands: the status vocabulary.
#pragma once
#include <string>
#include <string_view>
namespace retain {
enum class status_meaning { purchase, refunded, not_purchase, unknown };
std::string fold_status(std::string_view text);
status_meaning classify_status(std::string_view text);
std::string_view meaning_name(status_meaning m);
}  // namespace retain
