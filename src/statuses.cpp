#include "retain/statuses.h"
#include <cctype>
namespace retain {
std::string fold_status(std::string_view text) {
  std::string out;
  for (unsigned char c : text) out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}
status_meaning classify_status(std::string_view text) {
  std::string f = fold_status(text);
  if (f.empty() || f == "paid" || f == "completed" || f == "complete" || f == "partially_refunded") return status_meaning::purchase;
  if (f == "refunded") return status_meaning::refunded;
  if (f == "cancelled" || f == "canceled" || f == "voided" || f == "void" || f == "failed" || f == "pending") return status_meaning::not_purchase;
  return status_meaning::unknown;
}
std::string_view meaning_name(status_meaning m) {
  switch (m) {
    case status_meaning::purchase: return "purchase";
    case status_meaning::refunded: return "refunded";
    case status_meaning::not_purchase: return "not a purchase";
    case status_meaning::unknown: break;
  }
  return "unknown";
}
}  // namespace retain
