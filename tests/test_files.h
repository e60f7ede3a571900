// Inputs for tests: texts as opened inputs in memory, and small files for tests that need a path
// (written on construction, removed on destruction).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "retain/byte_source.h"

namespace retain::testing {

/// Each text as an input read from memory, named "input-1.csv", "input-2.csv", ... in messages.
inline std::vector<opened_input> in_memory(const std::vector<std::string>& texts) {
  std::vector<opened_input> inputs;
  for (const std::string& text : texts) {
    opened_input& input = inputs.emplace_back();
    input.name = "input-" + std::to_string(inputs.size()) + ".csv";
    input.source = memory_source(text);
  }
  return inputs;
}

class temp_file {
 public:
  explicit temp_file(const std::string& content, const std::string& suffix = ".csv") {
    std::string pattern = "/tmp/retain_test_XXXXXX" + suffix;
    int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    if (fd < 0) throw std::runtime_error("mkstemps failed");
    path_ = pattern;
    if (::write(fd, content.data(), content.size()) != static_cast<ssize_t>(content.size())) {
      ::close(fd);
      throw std::runtime_error("write failed");
    }
    ::close(fd);
  }
  ~temp_file() { std::remove(path_.c_str()); }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace retain::testing
