// Finds which column of a CSV header holds each field retain reads: by the names that generic,
// Shopify, UCI Online Retail, Stripe and WooCommerce exports use, or by the names given in flags.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "retain/names.h"

namespace retain {

/// The fields of an order row. Only customer, date and an amount (or quantity and price) are
/// required. The group column (--group-by) is never detected, only named.
/// - email: the e-mail of a guest, whose customer id is blank or a placeholder (0, guest, -);
/// - refunded: money refunded on the order (Stripe "Amount Refunded", Shopify "Refunded Amount");
/// - refund_of: the order a refund row refers to (PayPal "Reference Txn ID");
/// - amount_2..amount_4: further columns added to the amount (--amount "A+B+C": Amazon's item
///   price, item tax, shipping price and shipping tax);
/// - kind: what a row of an account's activity is (PayPal's "Type"): only payments received are
///   purchases.
enum class role {
  customer, date, amount, order, status, quantity, price, currency, cancelled_at, group,
  email, refunded, refund_of, amount_2, amount_3, amount_4, kind
};
constexpr std::size_t kRoleCount = 17;
/// Columns whose sum is the amount: amount, amount_2, amount_3, amount_4.
constexpr std::size_t kAmountParts = 4;
/// The role of the amount's part 0..kAmountParts-1.
role amount_part(std::size_t part);

/// "customer", "date", ..., "cancelled-at", "group-by": the flag that sets the role's column
/// (amount_2.. are "amount" too: they come from --amount "A+B").
std::string_view role_name(role r);

/// What the amount column holds, when an order has several rows.
enum class amount_kind {
  unknown,      ///< decided from the data: rows of an order that repeat one value hold its total
  order_total,  ///< the order's total, on one of its rows or repeated on each: taken once
  line,         ///< each row's part of the order (a line item): summed
};
/// The names of --amount-per (names.h); `unknown` has none.
inline constexpr named<amount_kind> kAmountKindNames[] = {{"order", amount_kind::order_total},
                                                          {"row", amount_kind::line}};

/// Column names given on the command line, by role; an empty name means "detect it".
using column_names = std::array<std::string, kRoleCount>;

struct column_map {
  std::vector<std::string> header;  ///< the header's fields, as written
  std::array<int, kRoleCount> index;  ///< column index of each role, -1 when absent
  /// UCI Online Retail: invoice numbers starting with 'C' are cancellations.
  bool c_invoices_cancel = false;
  /// What the amount column holds, when the layout or a flag says so: a platform's layout,
  /// --amount-per, a sum of columns (--amount "A+B": line amounts) or quantity x price (line
  /// amounts). Unknown otherwise: then the data decides, with `amount_hint`.
  amount_kind amount = amount_kind::unknown;
  /// What the amount column's name says: order_total for order total, grand total, ...; line for
  /// line total, item total, price; unknown for total, amount, revenue, sales, ...
  amount_kind amount_hint = amount_kind::unknown;
  /// The export layout recognised from the header ("Shopify orders export"), or "".
  std::string platform;
  /// What the layout says every run on it should know (platform_layout::caveat), or "".
  std::string caveat;
  /// The refunded column holds what is left after refunds (Etsy), not the money refunded.
  bool refunded_is_remaining = false;
  /// The status column is a yes/no "fully refunded" flag (Gumroad).
  bool status_is_refund_flag = false;

  bool has(role r) const { return index[static_cast<std::size_t>(r)] >= 0; }
  /// The role whose field holds r's: r, or the first role with the same column (--group-by may
  /// name a column that another role reads; the parser reads each column once).
  role reader(role r) const;
  const std::string& name(role r) const { return header[index[static_cast<std::size_t>(r)]]; }
  /// "customer=Email date=Created at amount=Total ..." for the load summary.
  std::string describe() const;
};

/// Maps the roles to header columns: the flags' names first, then the layout of a recognised
/// platform, then the known names. `--amount "A+B+C"` names up to four columns whose sum is the
/// amount. `amount_per` is --amount-per (unknown: not given). Throws retain::error naming `path`,
/// listing the header and the flag to set when a required column is missing or two columns fit
/// one role equally well.
column_map map_columns(std::vector<std::string> header, const column_names& chosen,
                       const std::string& path, amount_kind amount_per = amount_kind::unknown);

}  // namespace retain
