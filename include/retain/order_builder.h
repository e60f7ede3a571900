// The order builder stage: turns decoded rows (row_decoder.h) into order entries
// (order_entries.h) under the policy described in loader.h. Each reading thread fills its own
// builder; the assembly (assembly.h) then joins their entries into one order book, so the
// result never depends on which thread read which rows.
//
// Line items: rows with the same order id on consecutive lines of a chunk are one entry, made as
// they are read; the assembly joins the entries of an order wherever they stand. When an entry's
// rows are k >= 2 copies of the same rows (a file sorted after being joined to itself), the entry
// says so (copies, fingerprint), so that repeated orders count once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retain/interner.h"
#include "retain/order_entries.h"
#include "retain/row_decoder.h"
#include "retain/row_policy.h"

namespace retain {

/// Where a row stands, worked out only when a message needs its line.
class row_place {
 public:
  virtual ~row_place() = default;
  virtual const std::string& path() const = 0;
  virtual std::uint64_t line() const = 0;
};

class order_builder {
 public:
  /// `customers` is shared by all builders; `writer` numbers this one among them. `strict`:
  /// the first bad row ends the run. `group_column` names --group-by's column ("" without it).
  order_builder(bool strict, std::string group_column, interner& customers, std::size_t writer);

  /// Starts an input, numbered in reading order (for sorting messages).
  void begin_input(std::uint32_t input);
  /// Rows of one chunk are consecutive; a new chunk number breaks line-item adjacency. Holds a
  /// lease on the customer table, for up to `records` new customers, until end_chunks().
  void begin_chunk(std::uint64_t number, std::uint64_t records);
  void end_chunks();
  /// Looking a customer up in a table of hundreds of MB waits on memory; a batch of rows waits
  /// about as long as one when their lookups start together. So, for a batch of decoded rows:
  /// prefetch() each, then add_row() each. Between begin_chunk() and end_chunks().
  void prefetch(const decoded_row& row) const;
  /// Adds a row to its order's entry; a row with a problem is a bad row (row_policy), and the
  /// order it names is left out whole. `record_hash` is a hash of the row's whole record, to
  /// tell repeated rows.
  void add_row(const decoded_row& row, std::uint64_t record_hash, const row_place& place);

  row_policy& policy() { return policy_; }
  std::uint64_t rows = 0;  ///< rows read, bad ones included (the loader counts them)

  /// The entries made so far; the builder keeps none.
  order_entries take_entries();

 private:
  pending_order& order_for(std::string_view order_id, bool refund);
  void close_entry();
  std::uint32_t customer_id(const decoded_row& row);
  void add_to_entry(pending_order& entry, const pending_order& row, cents_t refunded, bool refund);

  row_policy policy_;
  std::string group_column_;
  interner& customers_;
  std::size_t writer_;
  std::optional<interner::lease> lease_;  // while in a chunk
  order_entries entries_;
  pending_order open_entry_;  // the entry the last row went to, stored when closed
  bool open_ = false;         // open_entry_ holds an entry not yet stored
  bool adjacent_ = false;     // the open entry came from the previous row of this chunk
  bool open_refund_ = false;  // the last entry is a run of refunds that refer to an order
  std::vector<std::uint64_t> open_hashes_;  // record hashes of the last keyed entry's rows
  std::string guest_;  // a guest's e-mail address in lower case
};

}  // namespace retain
