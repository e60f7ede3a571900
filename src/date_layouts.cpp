#include "retain/date_layouts.h"
namespace retain {
date_layout_choice choose_date_layout(const std::vector<std::string_view>&) { return {"", "ISO 8601", ""}; }
std::string suggest_date_format(std::string_view) { return ""; }
}  // namespace retain
