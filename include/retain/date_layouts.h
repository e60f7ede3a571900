// STUB until the dates branch lands.
#pragma once
#include <string>
#include <string_view>
#include <vector>
namespace retain {
struct date_layout_choice {
  std::string format;
  std::string description;
  std::string problem;
};
date_layout_choice choose_date_layout(const std::vector<std::string_view>& sample);
std::string suggest_date_format(std::string_view text);
}  // namespace retain
