// The statuses of a warehouse table, as --status-values gives them (the output of SELECT
// DISTINCT status FROM the table), each with what retain's order policy makes of it
// (statuses.h judge_status: the whole vocabulary, its word rules, --include-status and
// --exclude-status), so that a query of retain sql matches the raw values exactly and folds
// nothing itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retain/byte_source.h"
#include "retain/statuses.h"

namespace retain {

/// A raw status as the table holds it, and the verdict retain gives it.
struct status_value {
  std::string text;
  status_verdict verdict;
};

/// Reads the values: one per line, or CSV (a field in double quotes, "" for a quote inside;
/// LF or CRLF line ends; a UTF-8 BOM skipped). A first line equal to `column` (the status
/// column's name: the CSV header) is skipped; an empty line is the empty status; a value given
/// twice is read once. Throws retain::error naming `name` and the line for a record of several
/// fields or a quote that is not closed.
std::vector<std::string> read_status_values(byte_source& source, std::string_view name,
                                            std::string_view column);

/// Each value with its verdict, in the order given, the empty status (as which the query also
/// reads NULL) added when it is missing. `include` and `exclude` are folded (load_options).
std::vector<status_value> judge_status_values(const std::vector<std::string>& values,
                                              const std::vector<std::string>& include,
                                              const std::vector<std::string>& exclude);

/// The warning on the values retain does not know ("" when there is none), as retain warns for
/// a file: they are counted as purchases, and --exclude-status leaves them out.
std::string unknown_values_warning(const std::vector<status_value>& values, std::string_view name);

/// The verdict as the text the query's status column holds: 'counted', 'refunded', 'left out',
/// 'unknown'.
std::string_view verdict_token(status_verdict verdict);

}  // namespace retain
