#include "retain/platforms.h"

#include <algorithm>

namespace retain {
namespace {

// Builds a layout's column table from (role, normalized name) pairs.
std::array<std::string_view, kRoleCount> columns_of(
    std::initializer_list<std::pair<role, std::string_view>> pairs) {
  std::array<std::string_view, kRoleCount> columns{};
  for (const auto& [r, name] : pairs) columns[static_cast<std::size_t>(r)] = name;
  return columns;
}

}  // namespace

// Each layout was read from the platform's documentation or from public code that reads or
// writes its export (the sources are listed in tests/cli/inputs/platforms/README.md beside a
// fixture in that layout). Amount: what the customer paid for the order, tax and shipping
// included.
const std::vector<platform_layout>& platform_layouts() {
  static const std::vector<platform_layout> kLayouts = {
      {"Shopify orders export",
       {"name", "email", "financialstatus", "lineitemquantity"},
       columns_of({{role::order, "name"},
                   {role::customer, "email"},
                   {role::date, "createdat"},
                   {role::amount, "total"},
                   {role::status, "financialstatus"},
                   {role::cancelled_at, "cancelledat"},
                   {role::refunded, "refundedamount"},
                   {role::email, "-"}}),
       amount_kind::order_total},
      {"UCI Online Retail export",
       {"invoiceno", "stockcode", "quantity", "unitprice"},
       columns_of({{role::order, "invoiceno"},
                   {role::customer, "customerid"},
                   {role::date, "invoicedate"},
                   {role::amount, "-"},
                   {role::quantity, "quantity"},
                   {role::price, "unitprice"}}),
       amount_kind::line, true},
      // One charge is one order: "Invoice ID" is not, since a failed charge and its paid retry
      // can share an invoice.
      {"Stripe payments export",
       {"id", "createdutc", "amount", "amountrefunded", "status"},
       columns_of({{role::order, "id"},
                   {role::customer, "customerid"},
                   {role::email, "customeremail"},
                   {role::date, "createdutc"},
                   {role::amount, "amount"},
                   {role::refunded, "amountrefunded"},
                   {role::status, "status"},
                   {role::currency, "currency"}}),
       amount_kind::order_total},
  };
  return kLayouts;
}

const platform_layout* recognise_platform(const std::vector<std::string>& normalized_header) {
  for (const platform_layout& layout : platform_layouts()) {
    bool all = std::all_of(layout.signature.begin(), layout.signature.end(), [&](std::string_view n) {
      return std::find(normalized_header.begin(), normalized_header.end(), n) !=
             normalized_header.end();
    });
    if (all) return &layout;
  }
  return nullptr;
}

}  // namespace retain
