// Decides how one input is read from its header and a sample of its first records: the columns
// (and the platform layout they come from), the date layout and the decimal mark, unless flags
// fix them. Nothing is guessed where the sample does not decide: the plan names the flag instead.
#pragma once

#include <string>
#include <vector>

#include "retain/columns.h"

namespace retain {

struct load_options;

/// How the rows of one input are read.
struct input_plan {
  std::string path;  ///< the input, as messages name it
  column_map columns;
  std::string date_format;  ///< for date_parser: "" reads the built-in layouts
  char decimal_mark = '.';  ///< '.' or ','
  /// What was chosen and why, one line each, for the run's summary ("dates: day/month/year
  /// (%d/%m/%Y), seen in \\"31/01/2024\\"").
  std::vector<std::string> choices;
  /// What every run on this input should know, even a quiet one (customers told apart by name,
  /// revenue without tax).
  std::vector<std::string> warnings;
};

/// Records read to decide the date layout and the decimal mark.
constexpr std::size_t kSampleRecords = 5000;

/// The plan for an input whose header and first records (split into fields) are given. Throws
/// retain::error naming `path` when a column is missing or the sample leaves a choice open that
/// changes numbers (a day/month order, a decimal mark): the message names the flag to set.
input_plan plan_input(std::vector<std::string> header,
                      const std::vector<std::vector<std::string>>& sample,
                      const load_options& options, const std::string& path);

}  // namespace retain
