// Finds which column of a CSV header holds each field retain reads: by the names that generic,
// Shopify, UCI Online Retail, Stripe and WooCommerce exports use, or by the names given in flags.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace retain {

/// The fields of an order row. Only customer, date and an amount (or quantity and price) are
/// required. The group column (--group-by) is never detected, only named.
enum class role {
  customer, date, amount, order, status, quantity, price, currency, cancelled_at, group
};
constexpr std::size_t kRoleCount = 10;

/// "customer", "date", ..., "cancelled-at", "group-by": the flag that sets the role's column.
std::string_view role_name(role r);

/// Column names given on the command line, by role; an empty name means "detect it".
using column_names = std::array<std::string, kRoleCount>;

struct column_map {
  std::vector<std::string> header;  ///< the header's fields, as written
  std::array<int, kRoleCount> index;  ///< column index of each role, -1 when absent
  /// UCI Online Retail: invoice numbers starting with 'C' are cancellations.
  bool c_invoices_cancel = false;

  bool has(role r) const { return index[static_cast<std::size_t>(r)] >= 0; }
  /// The role whose field holds r's: r, or the first role with the same column (--group-by may
  /// name a column that another role reads; the parser reads each column once).
  role reader(role r) const;
  const std::string& name(role r) const { return header[index[static_cast<std::size_t>(r)]]; }
  /// "customer=Email date=Created at amount=Total ..." for the load summary.
  std::string describe() const;
};

/// Maps the roles to header columns. Throws retain::error naming `path`, listing the header and
/// the flag to set when a required column is missing or two columns fit one role equally well.
column_map map_columns(std::vector<std::string> header, const column_names& chosen,
                       const std::string& path);

}  // namespace retain
