// The loader stage: reads order exports (CSV, several files as one data set, "-" for standard
// input) into an order_book, applying the documented row and order policy and counting everything
// it leaves out.
//
// Policy:
// - Rows that share an order id are the line items of one order, wherever they stand in the
//   input; without an order column every row is an order. An order's date is the earliest date
//   of its rows, its amount the sum of their amounts (blank amounts on continuation rows add
//   nothing), and all its rows must name the same customer.
// - An order is left out, and counted by reason, when it has a status in the excluded list
//   (default: cancelled, canceled, voided, void, failed), a non-empty "Cancelled at", is a UCI
//   'C' invoice, is in another currency than --currency, has no customer id, or has a row that
//   could not be read. Refunded orders count, at their total.
// - A row that cannot be read (too few fields, a bad date or amount) is a bad row: counted and
//   shown as path:line: reason, or fatal with --strict.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "retain/columns.h"
#include "retain/input.h"
#include "retain/orders.h"

namespace retain {

/// The statuses that are not purchases unless --exclude-status says otherwise.
const std::vector<std::string>& default_excluded_statuses();

struct load_options {
  /// Inputs read as one data set; "-" is standard input. At least one.
  std::vector<std::string> paths;
  /// Field separator: ',' (default), ';', '\t' or '|'.
  char delimiter = ',';
  /// Header names by role from --customer, --date, ...; empty names are detected.
  column_names columns;
  /// '.' reads 1,234.50 (default); ',' reads 1.234,50 (--decimal-comma).
  char decimal_mark = '.';
  /// strptime-style date layout (--date-format); empty reads ISO 8601 dates and YYYYMMDD.
  std::string date_format;
  /// Count only orders in this currency (--currency); empty: the input must hold one currency.
  std::string currency;
  /// When non-empty, only orders with one of these statuses count (--include-status).
  std::vector<std::string> include_statuses;
  /// Orders with one of these statuses are not purchases (--exclude-status).
  std::vector<std::string> exclude_statuses = default_excluded_statuses();
  /// Stop at the first bad row instead of skipping it (--strict); reads with one thread.
  bool strict = false;
  /// Threads that parse (--threads); each input is cut into chunks that they take in turn.
  unsigned threads = 1;
  /// Draw a progress bar on stderr for inputs over 100 MB (the CLI sets it for terminals).
  bool progress = false;
  /// Size of those chunks; smaller ones only help tests cut small inputs into many chunks.
  std::size_t chunk_bytes = kDefaultChunkBytes;
};

/// What the loader read and what it left out, for the summary on stderr.
struct load_report {
  std::uint64_t rows = 0;    ///< data rows read (header not counted)
  std::uint64_t orders = 0;  ///< orders counted
  std::uint64_t customers = 0;
  std::vector<std::string> columns;  ///< per input: "path: customer=\"Email\" ..."
  /// Orders left out: reason ("with status \"cancelled\"", "without a customer id"), count.
  std::vector<std::pair<std::string, std::uint64_t>> left_out;
  std::uint64_t bad_rows = 0;
  std::vector<std::string> bad_row_messages;  ///< the first few, "path:line: reason"
};

struct loaded_orders {
  order_book book;
  load_report report;
};

/// Reads all inputs. Throws retain::error for unreadable or empty inputs, unusable headers, mixed
/// currencies without --currency, or a bad row under --strict. The book may be empty.
loaded_orders load_orders(const load_options& options);

}  // namespace retain
