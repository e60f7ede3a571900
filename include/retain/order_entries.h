// What the order builders gather and the assembly joins: one small entry per run of adjacent
// rows of one order (a "place" of the order), with the tables its numbers refer to (statuses,
// currencies, --group-by values). An entry is a value (pending_order) to work on and is kept in
// 20 bytes (entry_list): what every order has in place, the rare fields (large amounts, refunds,
// copies, --group-by values, problems) in columns whose pages exist only where they are used.
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
struct pending_order {
  static constexpr std::uint32_t kNoCustomer = 0xFFFFFFFF;
  static constexpr day_t kNoDay = 0x7FFFFFFF;
  static constexpr std::uint16_t kNoStatus = 0xFFFF;
  static constexpr std::uint8_t kNoCurrency = 0xFF;
  static constexpr std::uint16_t kNoGroup = 0xFFFF;
  static constexpr std::uint64_t kFingerprintBits = (std::uint64_t{1} << 48) - 1;

  std::uint32_t customer = kNoCustomer;
  day_t day = kNoDay;
  cents_t cents = 0;     ///< the sum of its rows' amounts (every copy)
  cents_t refunded = 0;  ///< money refunded on it
  /// The sum of the record hashes of its rows (48 bits), once per copy: two places of an order
  /// with equal content have equal fingerprints; and how many copies of those rows it holds.
  std::uint64_t fingerprint = 0;
  std::uint16_t copies = 1;
  std::uint16_t amount_rows = 0;  ///< rows with an amount (every copy); saturates as overflow
  /// The lowest not-a-purchase status of its rows (status_excluded), else the lowest status the
  /// vocabulary does not know; kNoStatus for neither.
  std::uint16_t status = kNoStatus;
  std::uint8_t currency = kNoCurrency;  ///< the currency its rows name
  std::uint16_t group = kNoGroup;       ///< the --group-by value its rows give
  bool has_amount = false;
  bool included = false;           ///< a row has a status that --include-status admits
  bool conflict = false;           ///< rows name different customers
  bool bad = false;                ///< a row could not be read
  bool keyed = false;              ///< has an order id
  bool overflow = false;           ///< its total or its row count does not fit
  bool joined = false;             ///< joined into another entry of the same order
  bool groups_differ = false;      ///< rows give different --group-by values
  bool amounts_differ = false;     ///< rows with an amount do not all give the same one
  bool refunded_status = false;    ///< a row's status says the order was refunded in full
  bool refund_only = false;        ///< only refunds that refer to this order id, no order row
  bool currencies_differ = false;  ///< rows name different currencies
  bool totals_row = false;         ///< a spreadsheet's totals row ("Totals", no date)
  bool not_a_payment = false;      ///< a row's type is not a payment received (PayPal)
  bool refund_link = false;        ///< has a refund that names its order in a refund-of column
  bool status_excluded = false;    ///< `status` is not a purchase

  bool operator==(const pending_order& other) const;
};

/// Values by index that are almost all zero: a page of them is made only when one is not zero.
template <class T>
class sparse_column {
 public:
  T get(std::size_t i) const {
    const std::size_t page = i >> kShift;
    return page < pages_.size() && !pages_[page].empty() ? pages_[page][i & kMask] : T{};
  }
  void set(std::size_t i, T value) {
    const std::size_t page = i >> kShift;
    if (page >= pages_.size()) {
      if (value == T{}) return;
      pages_.resize(page + 1);
    }
    std::vector<T>& values = pages_[page];
    if (values.empty()) {
      if (value == T{}) return;
      values.resize(kPage);
    }
    values[i & kMask] = value;
  }
  /// Frees the pages that hold only indexes before `i`.
  void release_before(std::size_t i) {
    for (std::size_t page = 0; page < (i >> kShift) && page < pages_.size(); ++page) {
      std::vector<T>().swap(pages_[page]);
    }
  }
  /// The pages made so far, in bytes.
  std::size_t bytes() const {
    std::size_t made = 0;
    for (const std::vector<T>& values : pages_) made += values.size() * sizeof(T);
    return made;
  }

 private:
  static constexpr unsigned kShift = 16;
  static constexpr std::size_t kPage = std::size_t{1} << kShift;
  static constexpr std::size_t kMask = kPage - 1;
  std::vector<std::vector<T>> pages_;
};

/// Entries in reading order, each kept in 20 bytes (customer, amount up to 2^31 cents,
/// fingerprint, day, currency, a status among the first 254, the common flags); an entry with
/// anything else (the rare fields of pending_order) says so and keeps that in sparse columns,
/// which are read only for such entries. Reading an entry back gives what was stored, exactly.
class entry_list {
 public:
  std::size_t size() const { return packed_.size(); }
  void push_back(const pending_order& order);
  pending_order get(std::size_t i) const;
  void set(std::size_t i, const pending_order& order);
  /// Frees the memory of the entries before `i`, for a list read once front to back: those
  /// entries must not be read again (size() does not change).
  void release_before(std::size_t i);
  /// Renumbers the statuses, currencies and groups of all entries: each number n becomes
  /// status[n], currency[n], group[n].
  void renumber(const std::vector<std::uint16_t>& status, const std::vector<std::uint8_t>& currency,
                const std::vector<std::uint16_t>& group);
  /// Memory held by the rare fields' columns, in bytes (for tests).
  std::size_t rare_bytes() const;

 private:
  struct packed {
    std::uint32_t customer;
    std::int32_t cents;  // kWide: in wide_cents_
    std::uint16_t fingerprint[3];
    std::uint8_t day[3];  // signed, 24 bits; kWide24: in wide_days_
    std::uint8_t currency;
    std::uint8_t status;  // kStatusOutside: in statuses_
    std::uint8_t flags;
  };
  static_assert(sizeof(packed) == 20, "entries are 20 bytes");
  static std::uint16_t rare_flags(const pending_order& order);
  static bool pack(const pending_order& order, packed& to);
  void store(std::size_t i, const pending_order& order);

  paged_list<packed> packed_;
  sparse_column<cents_t> wide_cents_, refunded_;
  sparse_column<day_t> wide_days_;
  // Stored as the value minus its default (copies - 1, amount_rows - has_amount, status ^
  // kNoStatus, group ^ kNoGroup), so that the default is zero.
  sparse_column<std::uint16_t> copies_, amount_rows_, statuses_, groups_, rare_flags_;
};

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

  entry_list orders;
  key_list keys;  ///< of the keyed entries, in order
  std::vector<chunk_span> chunks;  ///< in reading order within this builder
  small_set statuses, currencies, groups;

  std::uint16_t status_id(std::string_view status);
  std::uint8_t currency_id(std::string_view currency);
  /// Throws retain::error when --group-by's column has 65,535 values or more.
  std::uint16_t group_id(std::string_view group);

  /// An order's status: a not-a-purchase status wins over an unknown one; of two alike the
  /// lesser text, so that the choice does not depend on row order.
  void note_status(pending_order& order, std::uint16_t status, bool excluded) const;
  /// Joins what two places of one order gathered into `into`; the result does not depend on
  /// which is which. Both must use this object's numbers.
  void combine(pending_order& into, const pending_order& from) const;

  /// Takes another builder's entries' numbers into this one's: its statuses, currencies and
  /// groups are renumbered into these tables; its entries stay where they are.
  void adopt(order_entries& other);

 private:
  std::string group_column_;
};

}  // namespace retain
