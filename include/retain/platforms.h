// The export layouts of the platforms shops download their orders from, recognised by their
// header: which column holds each field, and what the amount column means. A layout is a set of
// choices that generic detection could get wrong (Stripe's "Invoice ID" is not an order: a failed
// charge and its paid retry share one); every column a layout does not name is detected as usual.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "retain/columns.h"

namespace retain {

struct platform_layout {
  std::string_view name;  ///< "Shopify orders export", shown in the run's summary
  /// Normalized header names (lowercase letters and digits) that all appear in this layout.
  std::vector<std::string_view> signature;
  /// The normalized name of the column for each role; "" leaves the role to generic detection,
  /// "-" means the layout has no such column (nothing is detected for it).
  std::array<std::string_view, kRoleCount> columns{};
  amount_kind amount = amount_kind::unknown;
  bool c_invoices_cancel = false;
  /// The refunded column holds what is left of the order after refunds (Etsy's "Adjusted Order
  /// Total"), not the money refunded.
  bool refunded_is_remaining = false;
  /// The status column is a yes/no "fully refunded" flag (Gumroad's "Fully Refunded?").
  bool status_is_refund_flag = false;
  /// A caveat that holds for every run on this layout, shown as a warning ("" for none).
  std::string_view caveat;
};

/// The known layouts, most specific first.
const std::vector<platform_layout>& platform_layouts();

/// The first layout whose signature the normalized header has, or null.
const platform_layout* recognise_platform(const std::vector<std::string>& normalized_header);

}  // namespace retain
