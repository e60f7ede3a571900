// What the order builders gather and the assembly joins: one small entry per run of adjacent
// rows of one order (a "place" of the order), with the tables its numbers refer to (statuses,
// currencies, --group-by values) and the money refunded on the few entries that have some.
// Entries never move once made (paged_list), so the refunds are keyed by entry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "retain/big_memory.h"
#include "retain/calendar.h"
#include "retain/decimal.h"
#include "retain/order_index.h"

namespace retain {

/// Distinct strings (statuses, currencies, groups), numbered in order of first sight.
class small_set {
 public:
  std::uint32_t add(std::string_view text);
  const std::string& operator[](std::uint32_t id) const { return items_[id]; }
  std::size_t size() const { return items_.size(); }

 private:
  std::vector<std::string> items_;
  std::unordered_map<std::string, std::uint32_t> numbers_;
  std::uint32_t last_ = 0;  // the number add() gave last
};

/// A place of an order: what its rows said, summed up.
struct __attribute__((packed, aligned(2))) pending_order {
  static constexpr std::uint32_t kNoCustomer = 0xFFFFFFFF;
  static constexpr day_t kNoDay = 0x7FFFFFFF;
  static constexpr std::uint16_t kNoStatus = 0xFFFF;
  static constexpr std::uint8_t kNoCurrency = 0xFF;
  static constexpr std::uint16_t kNoGroup = 0xFFFF;

  std::uint32_t customer = kNoCustomer;
  day_t day = kNoDay;
  cents_t cents = 0;  ///< the sum of its rows' amounts (every copy)
  /// The sum of the record hashes of its rows (48 bits), once per copy: two places of an order
  /// with equal content have equal fingerprints; and how many copies of those rows it holds.
  std::uint64_t fingerprint : 48;
  std::uint64_t copies : 16;
  std::uint16_t amount_rows = 0;  ///< rows with an amount (every copy); saturates as overflow
  /// The lowest not-a-purchase status of its rows (status_excluded), else the lowest status the
  /// vocabulary does not know; kNoStatus for neither.
  std::uint16_t status = kNoStatus;
  std::uint8_t currency = kNoCurrency;  ///< the currency its rows name
  std::uint16_t group = kNoGroup;       ///< the --group-by value its rows give
  bool has_amount : 1;
  bool included : 1;  ///< a row has a status that --include-status admits
  bool conflict : 1;  ///< rows name different customers
  bool bad : 1;       ///< a row could not be read
  bool keyed : 1;     ///< has an order id
  bool overflow : 1;  ///< its total or its row count does not fit
  bool joined : 1;    ///< joined into another entry of the same order
  bool groups_differ : 1;  ///< rows give different --group-by values
  bool amounts_differ : 1;  ///< rows with an amount do not all give the same one
  bool refunded_status : 1;  ///< a row's status says the order was refunded in full
  bool refund_only : 1;      ///< only refunds that refer to this order id, no order row
  bool currencies_differ : 1;  ///< rows name different currencies
  bool totals_row : 1;         ///< a spreadsheet's totals row ("Totals", no date)
  bool not_a_payment : 1;      ///< a row's type is not a payment received (PayPal)
  bool refund_link : 1;        ///< has a refund that names its order in a refund-of column
  bool status_excluded : 1;    ///< `status` is not a purchase
  /// Money was refunded on it: how much is in the entries' table of refunds (rare, so not here).
  bool has_refunded : 1;

  pending_order()
      : fingerprint(0), copies(1), has_amount(false), included(false), conflict(false),
        bad(false), keyed(false), overflow(false), joined(false), groups_differ(false), amounts_differ(false), refunded_status(false), refund_only(false),
        currencies_differ(false), totals_row(false), not_a_payment(false), refund_link(false),
        status_excluded(false), has_refunded(false) {}
};
static_assert(sizeof(pending_order) == 34, "pending orders are 34 bytes");

/// The entries of one builder (or, after gather(), of all), in reading order.
class order_entries {
 public:
  /// Entries made from the rows of one chunk: [first, end).
  struct chunk_span {
    std::uint64_t number;
    std::size_t first;
    std::size_t end;
  };

  /// `group_column` names --group-by's column in messages ("" without it).
  explicit order_entries(std::string group_column = {}) : group_column_(std::move(group_column)) {}

  paged_list<pending_order> orders;
  key_list keys;  ///< of the keyed entries, in order
  std::vector<chunk_span> chunks;  ///< in reading order within this builder
  small_set statuses, currencies, groups;

  std::uint16_t status_id(std::string_view status);
  std::uint8_t currency_id(std::string_view currency);
  /// Throws retain::error when --group-by's column has 65,535 values or more.
  std::uint16_t group_id(std::string_view group);

  cents_t refunded_of(const pending_order& order) const;
  /// Only from one thread at a time; from several, only on entries that have some refunded.
  void set_refunded(pending_order& order, cents_t cents);
  /// An order's status: a not-a-purchase status wins over an unknown one; of two alike the
  /// lesser text, so that the choice does not depend on row order.
  void note_status(pending_order& order, std::uint16_t status, bool excluded) const;
  /// Joins what two places of one order gathered into `into`; the result does not depend on
  /// which is which. Both must use this object's numbers.
  void combine(pending_order& into, const pending_order& from);

  /// Takes another builder's entries' numbers and refunds into this one's: its statuses,
  /// currencies and groups are renumbered into these tables; its entries stay where they are.
  void adopt(order_entries& other);

 private:
  std::string group_column_;
  /// Refunded money of the entries that have some (has_refunded), by entry.
  std::unordered_map<const pending_order*, cents_t> refunded_;
};

}  // namespace retain
