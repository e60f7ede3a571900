#include "retain/order_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "retain/error.h"
#include "retain/format.h"
#include "retain/loader.h"
#include "retain/sniff.h"
#include "retain/statuses.h"

namespace retain {
const std::vector<std::string_view>& missing_customer_ids() {
  static const std::vector<std::string_view> kMissing = {"",     "NA", "N/A", "n/a",   "null",  "NULL",
                                                         "#N/A", "0",  "-",   "guest", "Guest", "GUEST"};
  return kMissing;
}

bool is_missing_customer(std::string_view id) {
  const std::vector<std::string_view>& missing = missing_customer_ids();
  return std::find(missing.begin(), missing.end(), id) != missing.end();
}

bool is_totals_label(std::string_view id) {
  auto is = [&](std::string_view label) {
    return id.size() == label.size() &&
           std::equal(id.begin(), id.end(), label.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == b;
           });
  };
  return is("total") || is("totals") || is("grand total");
}

bool is_payment_received(std::string_view kind) {
  if (kind.empty()) return true;
  const std::string words = " " + fold_status(kind) + " ";
  auto has = [&](std::string_view word) {
    return words.find(" " + std::string(word) + " ") != std::string::npos;
  };
  if (!has("payment")) return false;
  for (std::string_view other : {"refund", "reversal", "withdrawal", "transfer", "fee", "hold",
                                 "authorization", "conversion", "deposit", "sent"}) {
    if (has(other)) return false;
  }
  return true;
}

amount_kind decide_amount(const input_plan& plan, std::uint64_t multi, std::uint64_t agree,
                          load_report& report) {
  const column_map& map = plan.columns;
  if (!map.has(role::amount) || map.amount != amount_kind::unknown || multi == 0) {
    return map.amount == amount_kind::order_total ? amount_kind::order_total : amount_kind::line;
  }
  if (map.amount_hint == amount_kind::line) return amount_kind::line;
  const std::string& name = map.name(role::amount);
  const std::string evidence =
      fmt::format("{} of {} with amounts on several rows", agree, plural(multi, "order"));
  const std::string ask =
      "set --amount-per order (the order's total, taken once) or --amount-per row (line amounts, "
      "added up)";
  if (map.amount_hint == amount_kind::order_total) {
    if (agree * 2 < multi) {
      throw error(fmt::format(
          "{}: the amount column \"{}\" is named as an order's total, but the rows of most "
          "orders give different amounts (they agree in {}); {}",
          plan.path, name, evidence, ask));
    }
    report.choices.push_back(fmt::format(
        "{}: amount \"{}\" is the order's total, repeated on its rows: taken once per order "
        "(they agree in {})",
        plan.path, name, evidence));
    return amount_kind::order_total;
  }
  if (agree * 10 >= multi * 9) {
    throw error(fmt::format(
        "{}: the amount column \"{}\" gives one amount on all the rows of most orders ({}): it "
        "may be the order's total repeated on each row, or line amounts that happen to agree; {}",
        plan.path, name, evidence, ask));
  }
  report.choices.push_back(fmt::format(
      "{}: amount \"{}\" holds line amounts: an order's rows are added up (they agree in only "
      "{}; --amount-per order takes one per order)",
      plan.path, name, evidence));
  return amount_kind::line;
}

}  // namespace retain
