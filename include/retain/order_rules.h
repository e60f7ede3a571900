// The rules of what a row and an order are that hold whatever the export's layout: which
// customer ids are placeholders, which rows are a spreadsheet's totals, which account activity
// is a payment received, and what an amount column holds where neither the layout nor a flag
// says. The order builder applies them; each is a pure function with its own tests.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "retain/columns.h"

namespace retain {

struct input_plan;
struct load_report;

/// Empty, or a placeholder that exports write for a guest or a missing value: NA, N/A, null,
/// #N/A, 0, -, guest.
bool is_missing_customer(std::string_view id);
/// Those placeholders, as is_missing_customer compares them (retain sql writes them into queries).
const std::vector<std::string_view>& missing_customer_ids();

/// "Total", "Totals", "Grand total" (any case): the label of a spreadsheet's totals row.
bool is_totals_label(std::string_view id);

/// An account activity row's type (PayPal's "Type") that is money received for a sale: "Express
/// Checkout Payment", "Website Payment", ...; not a withdrawal, transfer, deposit, fee, hold,
/// conversion or refund. An empty type (no such column) is a payment.
bool is_payment_received(std::string_view kind);

/// What the amount column of `plan` holds, given that `multi` orders have two or more rows with
/// an amount and that all those amounts are equal in `agree` of them. An order total repeated on
/// every line-item row (WooCommerce export plugins, SQL joins of orders and items) gives orders
/// whose rows agree; line amounts mostly differ, but not always (two items of one price). So
/// the layout or --amount-per decide first; then a name that says order total is one unless
/// most orders disagree (then an error); a name that says line is summed; any other name is
/// summed when the rows of at least one order in ten differ, and is an error naming
/// --amount-per when they agree more often than that. The choice, when it was the data's, is
/// added to report.choices. Throws retain::error naming the input.
amount_kind decide_amount(const input_plan& plan, std::uint64_t multi, std::uint64_t agree,
                          load_report& report);

}  // namespace retain
