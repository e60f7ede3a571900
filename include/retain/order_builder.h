// Turns rows into orders under the policy described in loader.h. Each reading thread fills its own
// order_builder; assemble() then joins them into one order book, so the result never depends on
// which thread read which rows.
//
// Line items: rows with the same order id on consecutive lines of a chunk are joined as they are
// read. assemble() checks whether the order ids of the whole input run in one direction
// (increasing or decreasing, as exports write them); then no other row can share an id and no
// table of ids is needed. Otherwise it indexes every id and joins the rows of each order wherever
// they stand.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "retain/big_memory.h"
#include "retain/calendar.h"
#include "retain/columns.h"
#include "retain/decimal.h"
#include "retain/interner.h"
#include "retain/order_index.h"
#include "retain/orders.h"
#include "retain/row_policy.h"

namespace retain {

struct load_options;
struct load_report;
struct input_plan;
struct input_span;

/// Where a row stands, worked out only when a message needs its line.
class row_place {
 public:
  virtual ~row_place() = default;
  virtual const std::string& path() const = 0;
  virtual std::uint64_t line() const = 0;
};

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

/// An order as its rows are gathered: one entry per run of adjacent rows of one order (a "place"
/// of the order); assemble() joins the places of each order.
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
  bool joined : 1;    ///< joined into another entry of the same order, or left out
  bool groups_differ : 1;  ///< rows give different --group-by values
  bool amounts_differ : 1;  ///< rows with an amount do not all give the same one
  bool refunded_status : 1;  ///< a row's status says the order was refunded in full
  bool refund_only : 1;      ///< only refunds that refer to this order id, no order row
  bool currencies_differ : 1;  ///< rows name different currencies
  bool totals_row : 1;         ///< a spreadsheet's totals row ("Totals", no date)
  bool not_a_payment : 1;      ///< a row's type is not a payment received (PayPal)
  bool refund_link : 1;        ///< has a refund that names its order in a refund-of column
  bool status_excluded : 1;    ///< `status` is not a purchase
  /// Money was refunded on it: how much is in the builder's table of refunds (rare, so not here).
  bool has_refunded : 1;

  pending_order()
      : fingerprint(0), copies(1), has_amount(false), included(false), conflict(false),
        bad(false), keyed(false), overflow(false), joined(false), groups_differ(false),
        amounts_differ(false), refunded_status(false), refund_only(false),
        currencies_differ(false), totals_row(false), not_a_payment(false), refund_link(false),
        status_excluded(false), has_refunded(false) {}
};
static_assert(sizeof(pending_order) == 34, "pending orders are 34 bytes");

class order_builder {
 public:
  /// `customers` is shared by all builders; `writer` numbers this one among them.
  order_builder(const load_options& options, bool strict, interner& customers, std::size_t writer);

  /// Starts an input: how its rows are read, and its number (for sorting messages).
  void begin_input(const input_plan& plan, std::uint32_t input);
  /// Rows of one chunk are consecutive; a new chunk number breaks line-item adjacency. Holds a
  /// share of the customer table until end_chunks().
  void begin_chunk(std::uint64_t number, std::uint64_t records);
  void end_chunks();
  /// Fields of a row by role, null where the input has no such column.
  using row_fields = std::array<char*, kRoleCount>;
  /// Looking a customer up in a table of hundreds of MB waits on memory; a batch of rows waits
  /// about as long as one when their lookups start together. So, for a batch of rows: prepare()
  /// each (normalizes its customer id in place and starts loading its table slot; returns the
  /// hash that add_row() takes), then add_row() each. Fields must stay put meanwhile.
  std::uint64_t prepare(const row_fields& fields);
  /// `record_hash` is a hash of the row's whole record, to tell repeated rows.
  void add_row(const row_fields& fields, std::uint64_t customer_hash, std::uint64_t record_hash,
               const row_place& place);

  row_policy& policy() { return policy_; }
  std::uint64_t rows = 0;

 private:
  friend order_book assemble(std::vector<order_builder>& builders, std::shared_ptr<interner> names,
                             const std::vector<input_span>& inputs, load_report& report);

  struct chunk_span {
    std::uint64_t number;
    std::size_t first_order;  // orders_[first_order, end_order) came from this chunk
    std::size_t end_order;
  };
  /// What a status text means, kept for the next row with the same text.
  struct status_effect {
    std::string text;  // as written
    std::uint16_t status = pending_order::kNoStatus;  // an excluded or unknown status
    bool excluded = false;
    bool included = true;
    bool refunded = false;
  };

  pending_order& order_for(std::string_view order_id, bool refund);
  void close_entry();
  std::uint32_t customer_id(std::string_view text, std::uint64_t hash);
  std::uint32_t guest_id(std::string_view email);
  std::uint16_t status_id(std::string_view status);
  std::uint8_t currency_id(std::string_view currency);
  std::uint16_t group_id(std::string_view group);
  std::uint16_t lowest(std::uint16_t current, std::uint16_t status) const;
  void apply_status(pending_order& order, std::string_view status_text,
                    std::string_view cancelled_at, std::string_view order_id);
  void add_to_entry(pending_order& entry, const pending_order& row, cents_t refunded, bool refund);
  void combine(pending_order& into, const pending_order& from);
  cents_t refunded_of(const pending_order& order) const;
  void note_status(pending_order& order, std::uint16_t status, bool excluded) const;
  void set_refunded(pending_order& order, cents_t cents);
  void adopt(order_builder& other);
  std::string leave_out_reason(const pending_order& order, amount_kind amount) const;
  void check_currencies(const std::vector<std::uint64_t>& per_currency) const;

  const load_options& options_;
  row_policy policy_;
  std::unique_ptr<date_parser> dates_;
  const input_plan* plan_ = nullptr;
  const column_map* map_ = nullptr;
  role group_field_ = role::group;  // the field that holds --group-by's value (map_->reader())
  interner& customers_;
  std::size_t writer_;
  bool in_chunk_ = false;
  small_set statuses_;
  small_set currencies_;
  small_set groups_;
  paged_list<pending_order> orders_;
  key_list keys_;  // of the keyed orders, in order
  std::vector<chunk_span> chunks_;
  bool adjacent_ = false;     // the last order came from the previous row of this chunk
  bool open_refund_ = false;  // the last order is a run of refunds that refer to an order
  std::vector<std::uint64_t> open_hashes_;  // record hashes of the last keyed entry's rows
  /// Refunded money of the entries that have some (has_refunded), by entry: entries never move.
  /// Each builder's while reading; assemble() gathers them into the first builder's.
  std::unordered_map<const pending_order*, cents_t> refunded_;
  std::string scratch_;
  status_effect status_;       // of the last status read
  bool status_known_ = false;  // status_ holds a status without a cancellation
};

/// Where the chunks of one input begin (chunk numbers count on across inputs), and its plan.
struct input_span {
  std::uint64_t first_chunk;
  const input_plan* plan;
};

/// Joins the builders' orders (line items of one order wherever they were read), applies the
/// order policy, counts what it leaves out into `report`, and builds the book, whose customer
/// table keeps `names`, the interner the builders share. Empties the builders.
order_book assemble(std::vector<order_builder>& builders, std::shared_ptr<interner> names,
                    const std::vector<input_span>& inputs, load_report& report);

}  // namespace retain
