// Writes a finished report where it belongs: standard output, or a file that is replaced only
// once the new report is completely written, so a failed run never leaves half a report.
#pragma once

#include <string>
#include <string_view>

namespace retain {

/// Writes `text` to standard output when `path` is empty or "-", else to `path` through a
/// temporary file in the same folder renamed into place. A closed pipe on standard output
/// (`| head`) ends the write quietly; any other failure throws retain::error.
void write_output(std::string_view text, const std::string& path);

}  // namespace retain
