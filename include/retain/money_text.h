// STUB until the money branch lands.
#pragma once
#include <string>
#include <string_view>
#include <vector>
#include "retain/decimal.h"
namespace retain {
struct decimal_mark_choice {
  char mark = '.';
  std::string evidence;
  std::string problem;
};
decimal_mark_choice choose_decimal_mark(const std::vector<std::string_view>& sample);
}  // namespace retain
