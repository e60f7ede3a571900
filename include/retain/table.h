// The plain result every analysis hands to the formatter: named, typed columns and rows of
// values. The column names are the stable names of CSV headers and JSON keys.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "retain/decimal.h"

namespace retain {

/// How a column's values are shown on a terminal; machine formats print plain numbers.
enum class column_kind {
  text,    ///< labels and ids, left-aligned
  date,    ///< days written YYYY-MM-DD, left-aligned (real dates in xlsx)
  count,   ///< whole numbers
  money,   ///< 2-decimal amounts, with thousands separators on a terminal
  rate,    ///< shares from 0 to 1, shown as percentages on a terminal
  number,  ///< other ratios
  flag,    ///< true or false (bool values; JSON booleans)
};

struct column {
  std::string name;  ///< stable machine name: "repeat_rate"
  column_kind kind;
  bool on_terminal = true;  ///< shown in the terminal table and Markdown (else machine formats only)
  std::string title = {};   ///< short heading for the terminal table and Markdown; default: name
  std::string label = {};   ///< human name in a one-row listing (render_row); default: the heading
  /// A heat-map column (the cohort periods): xlsx gives these cells a colour scale; default off.
  bool heat = false;
};

/// An undefined value (a ratio over zero) is std::monostate; a bool is written true or false.
using value = std::variant<std::monostate, std::string, std::int64_t, decimal, bool>;

struct table {
  std::vector<column> columns;
  std::vector<std::vector<value>> rows;
};

}  // namespace retain
