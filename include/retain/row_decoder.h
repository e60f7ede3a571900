// The row decoder stage: turns a row's fields, as the CSV parser cut them, into what the row says
// about its order (its order id, customer, day, amount in cents, currency, refund, status
// meaning), by the input's plan (sniff.h): its columns, date layout and decimal mark. A row that
// cannot be read comes out with the kind of problem and a reason, and still with its order id,
// so that the order it belongs to can be left out whole.
//
// Refunds: a negative row that refers to another order in a refund-of column (PayPal's
// "Reference Txn ID"), or a negative row of an order whose amount column holds order totals
// (WooCommerce Analytics, Square), is a refund of that order, not a line of what was paid.
// Statuses are read through the vocabulary (statuses.h) and --include-status/--exclude-status; a
// cancellation column or a UCI 'C' invoice cancels whatever the status says.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "retain/calendar.h"
#include "retain/columns.h"
#include "retain/decimal.h"

namespace retain {

struct input_plan;
struct load_options;

/// A row's fields by role, null where the input has no such column. The decoder may rewrite the
/// customer field in place (an e-mail address to lower case); the others stay as read, for a
/// column can be read by two roles (--group-by naming the currency column).
using row_fields = std::array<char*, kRoleCount>;

/// What a row's status (or cancellation) says about its order.
struct status_meaning_of_row {
  /// The status as written, when it matters later: a not-a-purchase status names the orders it
  /// leaves out, an unknown one is listed in a warning; else empty.
  std::string_view text;
  bool excluded = false;  ///< not a purchase: the order is left out
  bool unknown = false;   ///< counted as a purchase, but the vocabulary does not know it
  bool included = true;   ///< admitted by --include-status (true without that flag)
  bool refunded = false;  ///< the order was refunded in full
};

/// A row, decoded. Views point into the row's fields.
struct decoded_row {
  /// Problem: the kind shared by all rows with it ("a date that cannot be read") and this
  /// row's reason; null when the row was read. The fields below that come before the problem
  /// are set (the order id always is).
  const char* problem = nullptr;
  std::string reason;

  /// The order it belongs to; a refund's is the order it refers to. Empty: the row is an order.
  std::string_view order_id;
  /// It is one of several rows of its order (it has an order id, or is a refund of one): order
  /// fields may be blank on it.
  bool line_item = false;
  std::string_view customer;  ///< as written; an e-mail address in lower case
  std::uint64_t customer_hash = 0;  ///< interner::hash(customer)
  std::string_view email;     ///< a guest's e-mail as written, where there is such a column
  day_t day = 0;
  bool has_day = false;
  cents_t cents = 0;          ///< the row's amount (a refund's: the money refunded, > 0)
  bool has_amount = false;
  cents_t refunded = 0;       ///< money refunded on the order, from a refunded-amount column
  bool refund = false;        ///< a refund of order_id
  bool refund_link = false;   ///< ... that names it in a refund-of column
  bool payment = true;        ///< its type is a payment received (PayPal); true without a type
  bool totals_row = false;    ///< a spreadsheet's totals row ("Totals", no date)
  std::string currency;       ///< upper case: the currency column's, or the one the amount names
  std::string_view group;     ///< the --group-by value
  status_meaning_of_row status;
};

class row_decoder {
 public:
  /// Reads rows of the input that `plan` describes; `plan` and `options` must outlive it.
  row_decoder(const input_plan& plan, const load_options& options);

  /// Decodes a row into `row` (every field reset first).
  void decode(const row_fields& fields, decoded_row& row);

 private:
  bool read_amount(const row_fields& fields, decoded_row& row, std::string_view& mark);
  void read_status(std::string_view text, std::string_view cancelled_at, decoded_row& row);
  static std::string_view field(const row_fields& fields, role r);

  const input_plan& plan_;
  const load_options& options_;
  date_parser dates_;
  role group_field_;  // the field that holds --group-by's value (plan.columns.reader())
  bool totals_;       // the amount column holds (or is named for) order totals
  // The meaning of the last status read: rows mostly repeat the status of the row before.
  std::string status_text_;
  status_meaning_of_row status_;
  bool status_known_ = false;
};

}  // namespace retain
