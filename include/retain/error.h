// The one exception type of retain: a message that names the place and the reason, and the exit
// code the command ends with when it reaches main().
#pragma once

#include <stdexcept>
#include <string>

namespace retain {

/// Exit codes, as documented in the README.
constexpr int kExitOk = 0;
constexpr int kExitDataError = 1;   ///< unreadable input, unusable columns, --strict failure
constexpr int kExitUsageError = 2;  ///< flags that make no sense

class error : public std::runtime_error {
 public:
  explicit error(const std::string& message, int exit_code = kExitDataError)
      : std::runtime_error(message), exit_code_(exit_code) {}

  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

/// An error in the command line rather than in the data (exit code 2).
inline error usage_error(const std::string& message) { return error(message, kExitUsageError); }

}  // namespace retain
