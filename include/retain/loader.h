// The loader stage: reads order exports (CSV, several files as one data set, "-" for standard
// input) into an order_book, applying the documented row and order policy and counting everything
// it leaves out.
//
// Policy (README "Row and order policy" says the same for users):
// - Rows that share an order id are the line items of one order, wherever they stand in the
//   input; without an order column every row is an order. An order's date is the earliest date
//   of its rows and all its rows must name the same customer. Its amount is the order's total
//   taken once when the amount column holds order totals (on one row or repeated on each), or
//   the sum of its rows' amounts when it holds line amounts: the layout, --amount-per, the
//   column's name and the rows themselves decide which (decide_amount in order_rules.h).
// - An order whose rows all appear k >= 2 times (the same file twice, overlapping exports) is one
//   order, counted once, with a warning.
// - An order is left out, and counted by reason, when a row could not be read, its rows name two
//   customers or currencies, its status is not a purchase (the vocabulary in statuses.h, or
//   --exclude-status; --include-status keeps only the statuses it lists), it has a non-empty
//   "Cancelled at" or is a UCI 'C' invoice (whatever the status lists say), it is in another
//   currency than --currency, it has no customer (nor a guest e-mail), no date or no amount, or
//   its amount is negative (a refund or credit, not a purchase).
// - Refunds: refunded money comes from a refunded-amount column, from refund rows that refer to
//   the order (PayPal), or from a status that says refunded (in full). Revenue is gross by
//   default; with --net it is net of refunds and orders refunded in full are left out.
// - A row that cannot be read (too few fields, a bad date or amount) is a bad row: counted and
//   shown as path:line: reason; more than --max-bad-rows of them fail the run, and --strict makes
//   the first one fatal.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "retain/columns.h"
#include "retain/decimal.h"
#include "retain/input.h"
#include "retain/orders.h"
#include "retain/sniff.h"

namespace retain {

/// How many unreadable rows a run accepts before it fails (--max-bad-rows N or P%).
struct bad_row_budget {
  std::uint64_t rows = 0;        ///< with `percent` false: at most this many
  std::uint32_t per_mille = 10;  ///< with `percent` true: at most this share of the rows read
  bool percent = true;
  /// Reads "25" or "2%" or "0.5%"; nullopt for anything else.
  static std::optional<bad_row_budget> parse(std::string_view text);
  std::uint64_t allowed(std::uint64_t rows_read) const;
  std::string describe() const;  ///< "1%", "25"
};

struct load_options {
  /// Inputs read as one data set; "-" is standard input. At least one (but see load_orders).
  std::vector<std::string> paths;
  /// Field separator: ',', ';', '\t' or '|'; 0 (default): the one the header line uses.
  char delimiter = 0;
  /// Header names by role from --customer, --date, ...; empty names are detected.
  column_names columns;
  /// '.' reads 1,234.50, ',' reads 1.234,50 (--decimal-comma); 0 (default): decided from the
  /// amounts of each input's first records.
  char decimal_mark = 0;
  /// strptime-style date layout (--date-format); empty: decided from each input's first records.
  std::string date_format;
  /// What the amount column holds (--amount-per order|row); unknown: the layout or the data say.
  amount_kind amount_per = amount_kind::unknown;
  /// Count only orders in this currency (--currency, a 3-letter code or a sign such as $);
  /// empty: the input must hold one currency.
  std::string currency;
  /// When non-empty, only orders with one of these statuses count (--include-status); folded
  /// as fold_status() folds them.
  std::vector<std::string> include_statuses;
  /// Statuses that are not purchases besides those the vocabulary knows (--exclude-status), folded.
  std::vector<std::string> exclude_statuses;
  /// Revenue net of refunds (--net): refunded amounts subtracted, orders refunded in full left out.
  bool net = false;
  /// Rows that cannot be read, past which the run fails (--max-bad-rows).
  bad_row_budget max_bad_rows;
  /// Stop at the first bad row instead of skipping it (--strict); reads with one thread.
  bool strict = false;
  /// Threads that parse (--threads); each input is cut into chunks that they take in turn.
  unsigned threads = 1;
  /// Draw a progress bar on stderr for inputs over 100 MB (the CLI sets it for terminals).
  bool progress = false;
  /// Size of those chunks; smaller ones only help tests cut small inputs into many chunks.
  std::size_t chunk_bytes = kDefaultChunkBytes;
};

/// Refunded money among the orders counted (and, with --net, those refunded in full).
struct refund_tally {
  std::uint64_t orders = 0;       ///< orders with money refunded
  std::uint64_t in_full = 0;      ///< of them, refunded in full
  std::uint64_t status_only = 0;  ///< of them, refunded by status alone: in full, no amount given
  cents_t cents = 0;              ///< the money refunded on them
  /// Refunds and negative rows that belong to no counted order: never subtracted from anything.
  std::uint64_t unmatched = 0;
  cents_t unmatched_cents = 0;

  /// An order of `total` with `refunded` refunded (`by_status`: its status says refunded).
  void add(cents_t total, cents_t refunded, bool by_status);
  /// A refund, or a negative row, of `cents` (> 0) that no counted order holds.
  void add_unmatched(cents_t cents);
  void merge(const refund_tally& other);
};

/// What the loader read and what it left out, for the summary on stderr.
struct load_report {
  std::uint64_t rows = 0;    ///< data rows read (header not counted)
  std::uint64_t orders = 0;  ///< orders counted
  std::uint64_t customers = 0;
  std::vector<std::string> columns;  ///< per input: "path: customer=\"Email\" ..."
  /// What was chosen for reading and why (the platform, the date layout, the amount rule, ...).
  std::vector<std::string> choices;
  /// What needs a look even in a quiet run (repeated orders, unknown statuses, ...).
  std::vector<std::string> warnings;
  /// Orders left out: reason ("with status \"cancelled\"", "without a customer id"), count.
  std::vector<std::pair<std::string, std::uint64_t>> left_out;
  /// Statuses of counted orders that the vocabulary does not know, with their order counts.
  std::vector<std::pair<std::string, std::uint64_t>> unknown_statuses;
  refund_tally refunds;
  bool net = false;  ///< revenue is net of refunds
  std::uint64_t bad_rows = 0;
  std::vector<std::string> bad_row_messages;  ///< the first few, "path:line: reason"
};

struct loaded_orders {
  order_book book;
  load_report report;
};

/// Reads the inputs `options.paths` names (opened with open_input(), all before the first is
/// read, so that a missing one fails the run at once). Throws retain::error for unreadable or
/// empty inputs, unusable headers, a sample that leaves a reading choice open, mixed currencies
/// without --currency, more bad rows than --max-bad-rows allows, or a bad row under --strict.
/// The book may be empty.
loaded_orders load_orders(const load_options& options);
/// The same for inputs already opened (memory_source() in tests and fuzzers); options.paths is
/// not read.
loaded_orders load_orders(const load_options& options, std::vector<opened_input> inputs);

/// How `path` would be read, from its header and first records (columns, date layout, decimal
/// mark), by the same detection as load_orders, without reading the rest: retain sql
/// --header-from. Throws retain::error as load_orders does for that input.
input_plan read_plan(const std::string& path, const load_options& options);

}  // namespace retain
