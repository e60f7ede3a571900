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
       amount_kind::order_total, false, false, false, {}},
      {"UCI Online Retail export",
       {"invoiceno", "stockcode", "quantity", "unitprice"},
       columns_of({{role::order, "invoiceno"},
                   {role::customer, "customerid"},
                   {role::date, "invoicedate"},
                   {role::amount, "-"},
                   {role::quantity, "quantity"},
                   {role::price, "unitprice"}}),
       amount_kind::line, true, false, false, {}},
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
       amount_kind::order_total, false, false, false, {}},
      // Advanced Order Export For WooCommerce: a row per item, the order's total on each.
      {"WooCommerce order export (plugin)",
       {"ordernumber", "orderstatus", "orderdate", "ordertotalamount"},
       columns_of({{role::order, "ordernumber"},
                   {role::customer, "emailbilling"},
                   {role::date, "orderdate"},
                   {role::amount, "ordertotalamount"},
                   {role::status, "orderstatus"},
                   {role::refunded, "orderrefundamount"},
                   {role::currency, "-"}}),
       amount_kind::order_total, false, false, false, {}},
      // Analytics > Orders: a row per order, refunds as rows of negative net sales.
      {"WooCommerce Analytics orders export",
       {"date", "order", "status", "customer", "customertype", "netsales"},
       columns_of({{role::order, "order"},
                   {role::date, "date"},
                   {role::amount, "netsales"},
                   {role::status, "status"}}),
       amount_kind::order_total, false, false, false,
       "this export has no order total: revenue is net sales, without tax and shipping"},
      // Refunds are rows of their own with the payment's transaction id and negative amounts.
      {"Square transactions export",
       {"transactionid", "totalcollected", "eventtype", "netsales"},
       columns_of({{role::order, "transactionid"},
                   {role::customer, "customerid"},
                   {role::date, "date"},
                   {role::amount, "totalcollected"},
                   {role::status, "transactionstatus"},
                   {role::email, "-"}}),
       amount_kind::order_total, false, false, false, {}},
      {"Etsy sold orders export",
       {"saledate", "orderid", "buyeruserid", "ordertotal", "adjustedordertotal"},
       columns_of({{role::order, "orderid"},
                   {role::customer, "buyeruserid"},
                   {role::date, "saledate"},
                   {role::amount, "ordertotal"},
                   {role::status, "status"},
                   {role::refunded, "adjustedordertotal"},
                   {role::currency, "currency"},
                   {role::email, "-"}}),
       amount_kind::order_total, false, true, false, {}},
      // Guests have customer id 0: their e-mail tells them apart.
      {"BigCommerce orders export",
       {"orderid", "customerid", "customeremail", "orderstatus", "ordertotalinctax"},
       columns_of({{role::order, "orderid"},
                   {role::customer, "customerid"},
                   {role::email, "customeremail"},
                   {role::date, "orderdate"},
                   {role::amount, "ordertotalinctax"},
                   {role::status, "orderstatus"},
                   {role::refunded, "refundamount"},
                   {role::currency, "ordercurrencycode"}}),
       amount_kind::order_total, false, false, false, {}},
      // The French back office ("État" normalizes to "tat": accents are not letters here).
      {"PrestaShop orders export",
       {"id", "client", "total", "paiement", "tat", "date"},
       columns_of({{role::order, "id"},
                   {role::customer, "client"},
                   {role::date, "date"},
                   {role::amount, "total"},
                   {role::status, "tat"}}),
       amount_kind::order_total, false, false, false, {}},
      {"Magento 2 orders grid export",
       {"purchasepoint", "purchasedate", "grandtotalpurchased"},
       columns_of({{role::order, "id"},
                   {role::customer, "customeremail"},
                   {role::date, "purchasedate"},
                   {role::amount, "grandtotalpurchased"},
                   {role::status, "status"},
                   {role::refunded, "totalrefunded"}}),
       amount_kind::order_total, false, false, false, {}},
      // A row per item; what the buyer paid is the item price, tax and shipping added up.
      {"Amazon All Orders report",
       {"amazonorderid", "purchasedate", "orderstatus", "itemprice"},
       columns_of({{role::order, "amazonorderid"},
                   {role::customer, "-"},
                   {role::email, "-"},
                   {role::date, "purchasedate"},
                   {role::amount, "itemprice"},
                   {role::amount_2, "itemtax"},
                   {role::amount_3, "shippingprice"},
                   {role::amount_4, "shippingtax"},
                   {role::status, "orderstatus"},
                   {role::currency, "currency"}}),
       amount_kind::line, false, false, false, {}},
      // No status column: only sales are exported, with a yes/no "Fully Refunded?".
      {"Gumroad sales export",
       {"purchaseid", "purchaseemail", "purchasedate", "saleprice", "fullyrefunded"},
       columns_of({{role::order, "purchaseid"},
                   {role::customer, "purchaseemail"},
                   {role::email, "-"},
                   {role::date, "purchasedate"},
                   {role::amount, "saleprice"},
                   {role::status, "fullyrefunded"},
                   {role::refunded, "partialrefund"}}),
       amount_kind::order_total, false, false, true, {}},
      // Payments received are purchases; refunds refer to them by "Reference Txn ID".
      {"PayPal activity download",
       {"transactionid", "referencetxnid", "gross", "fromemailaddress", "type", "status"},
       columns_of({{role::order, "transactionid"},
                   {role::customer, "fromemailaddress"},
                   {role::email, "-"},
                   {role::date, "date"},
                   {role::amount, "gross"},
                   {role::status, "status"},
                   {role::currency, "currency"},
                   {role::refund_of, "referencetxnid"},
                   {role::kind, "type"}}),
       amount_kind::order_total, false, false, false, {}},
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
