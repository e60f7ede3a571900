#include "retain/sql_statuses.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "retain/error.h"

namespace retain {
namespace {

std::string read_all(byte_source& source) {
  std::string bytes;
  char buffer[1 << 16];
  while (const std::size_t n = source.read(buffer, sizeof buffer)) bytes.append(buffer, n);
  return bytes;
}

// Cuts CSV records of one field each: `at` moves past the record and its line end.
class value_reader {
 public:
  value_reader(std::string bytes, std::string_view name) : bytes_(std::move(bytes)), name_(name) {
    if (bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0) at_ = 3;
  }

  bool done() const { return at_ >= bytes_.size(); }
  std::uint64_t line() const { return line_; }

  // The next record's one field.
  std::string next() {
    const std::uint64_t first_line = line_;
    std::string value;
    bool quoted = at_ < bytes_.size() && bytes_[at_] == '"';
    if (quoted) ++at_;
    while (at_ < bytes_.size()) {
      const char c = bytes_[at_++];
      if (quoted) {
        if (c == '"' && at_ < bytes_.size() && bytes_[at_] == '"') {
          value += '"';
          ++at_;
        } else if (c == '"') {
          quoted = false;
          if (at_ < bytes_.size() && !line_end()) fail(first_line, "text after a closing quote");
        } else {
          if (c == '\n') ++line_;
          value += c;
        }
      } else if (c == ',') {
        fail(first_line,
             "more than one field: give the status column only (SELECT DISTINCT status ...)");
      } else if (c == '\n' || (c == '\r' && at_ < bytes_.size() && bytes_[at_] == '\n')) {
        --at_;
        break;
      } else {
        value += c;
      }
    }
    if (quoted) fail(first_line, "a quote is not closed");
    if (at_ < bytes_.size()) at_ += bytes_[at_] == '\r' ? 2 : 1;
    ++line_;
    return value;
  }

 private:
  bool line_end() const {
    return bytes_[at_] == '\n' ||
           (bytes_[at_] == '\r' && at_ + 1 < bytes_.size() && bytes_[at_ + 1] == '\n');
  }
  [[noreturn]] void fail(std::uint64_t line, std::string_view reason) const {
    throw error(fmt::format("{}:{}: {}", name_, line, reason));
  }

  std::string bytes_;
  std::string_view name_;
  std::size_t at_ = 0;
  std::uint64_t line_ = 1;
};

}  // namespace

std::vector<std::string> read_status_values(byte_source& source, std::string_view name,
                                            std::string_view column) {
  value_reader reader(read_all(source), name);
  std::vector<std::string> values;
  while (!reader.done()) {
    const bool first = reader.line() == 1;
    std::string value = reader.next();
    if (first && value == column) continue;
    if (std::find(values.begin(), values.end(), value) == values.end())
      values.push_back(std::move(value));
  }
  return values;
}

std::vector<status_value> judge_status_values(const std::vector<std::string>& values,
                                              const std::vector<std::string>& include,
                                              const std::vector<std::string>& exclude) {
  std::vector<status_value> out;
  for (const std::string& text : values)
    out.push_back({text, judge_status(text, include, exclude)});
  if (std::find(values.begin(), values.end(), "") == values.end()) {
    out.push_back({"", judge_status("", include, exclude)});
  }
  return out;
}

std::string unknown_values_warning(const std::vector<status_value>& values, std::string_view name) {
  std::vector<std::string> unknown;
  for (const status_value& v : values) {
    if (v.verdict == status_verdict::unknown) unknown.push_back(fmt::format("\"{}\"", v.text));
  }
  if (unknown.empty()) return "";
  return fmt::format(
      "{} {} of {} that retain does not know, counted as purchases: {}; --exclude-status "
      "leaves them out",
      unknown.size(), unknown.size() == 1 ? "status" : "statuses", name, fmt::join(unknown, ", "));
}

std::string_view verdict_token(status_verdict verdict) {
  switch (verdict) {
    case status_verdict::counted:
      return "counted";
    case status_verdict::refunded:
      return "refunded";
    case status_verdict::left_out:
      return "left out";
    case status_verdict::unknown:
      break;
  }
  return "unknown";
}

}  // namespace retain
