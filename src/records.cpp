#include "retain/records.h"

// csv.h uses std::numeric_limits without including <limits>, and its file-name copy trips GCC's
// truncation warning wherever it is inlined.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
#define CSV_IO_NO_THREAD
#include <limits>
#include <libfccp/csv.h>

#include <cstring>
#include <stdexcept>
#include <string_view>

#include "retain/error.h"
#include "retain/hashing.h"

namespace retain {
namespace {

// The quoting policy of the header comment: fast-cpp-csv-parser's own double_quote_escape would
// start a quoted run at any quote.
template <char sep>
struct field_quotes {
  static const char* find_next_column_end(const char* col_begin) {
    const char* p = col_begin;
    while (*p == ' ' || (*p == '\t' && sep != '\t')) ++p;
    if (*p == '"') {
      for (++p;; ++p) {
        if (*p == '\0') throw io::error::escaped_string_not_closed();
        if (*p == '"') {
          if (p[1] != '"') break;
          ++p;
        }
      }
      ++p;
    }
    while (*p != sep && *p != '\0') ++p;
    return p;
  }
  static void unescape(char*& col_begin, char*& col_end) {
    io::double_quote_escape<sep, '"'>::unescape(col_begin, col_end);
  }
};

using trim = io::trim_chars<' ', '\t'>;

// Cuts the next field off `rest` (null after the last), trimmed and unquoted when `used`.
template <char sep>
char* next_field(char*& rest, bool used = true) {
  char *begin, *end;
  io::detail::chop_next_column<field_quotes<sep>>(rest, begin, end);
  if (used) {
    trim::trim(begin, end);
    field_quotes<sep>::unescape(begin, end);
  }
  return begin;
}

template <char sep>
std::vector<std::string> split_all(std::string record) {
  std::vector<std::string> fields;
  char* rest = record.data();
  try {
    while (rest != nullptr) fields.emplace_back(next_field<sep>(rest));
  } catch (const io::error::base&) {
    throw error("a quote is not closed");
  }
  return fields;
}

}  // namespace

std::vector<std::string> split_fields(char delimiter, std::string record) {
  switch (delimiter) {
    case ';': return split_all<';'>(std::move(record));
    case '\t': return split_all<'\t'>(std::move(record));
    case '|': return split_all<'|'>(std::move(record));
    default: return split_all<','>(std::move(record));
  }
}

record_splitter::record_splitter(char delimiter, const column_map& columns, bool hash_records)
    : delimiter_(delimiter), role_of_column_(columns.header.size(), -1), hash_records_(hash_records) {
  for (std::size_t r = 0; r < kRoleCount; ++r) {
    const auto each = static_cast<role>(r);
    if (columns.has(each) && columns.reader(each) == each) {
      role_of_column_[static_cast<std::size_t>(columns.index[r])] = static_cast<int>(r);
    }
  }
}

void record_splitter::start(chunk& records) {
  at_ = records.bytes.data();
  end_ = at_ + records.bytes.size();
  index_ = 0;
}

bool record_splitter::next(split_record& out) {
  for (;;) {
    if (at_ >= end_) return false;
    char* line = at_;
    char* nl = static_cast<char*>(std::memchr(line, '\n', static_cast<std::size_t>(end_ - line)));
    if (nl == nullptr) throw std::logic_error("a chunk's last record does not end in a newline");
    at_ = nl + 1;
    const std::uint64_t index = index_++;
    char* stop = nl > line && nl[-1] == '\r' ? nl - 1 : nl;
    *stop = '\0';
    // Empty and blank lines are no records.
    const char* blank = line;
    while (*blank == ' ' || *blank == '\t') ++blank;
    if (*blank == '\0') continue;
    out.index = index;
    out.hash = hash_records_ ? hash_bytes(std::string_view(line, static_cast<std::size_t>(stop - line)),
                                          0x5245504541544544ull)  // "REPEATED"
                             : 0;
    out.problem = nullptr;
    out.fields.fill(nullptr);
    try {
      switch (delimiter_) {
        case ';': split<';'>(line, out); break;
        case '\t': split<'\t'>(line, out); break;
        case '|': split<'|'>(line, out); break;
        default: split<','>(line, out); break;
      }
    } catch (const io::error::escaped_string_not_closed&) {
      out.problem = "has a quoted field that is not closed";
    }
    if (out.problem != nullptr) out.fields.fill(nullptr);
    return true;
  }
}

template <char sep>
void record_splitter::split(char* line, split_record& out) const {
  char* rest = line;
  for (int role_index : role_of_column_) {
    if (rest == nullptr) {
      out.problem = "has fewer fields than the header";
      return;
    }
    char* field = next_field<sep>(rest, role_index >= 0);
    if (role_index >= 0) out.fields[static_cast<std::size_t>(role_index)] = field;
  }
  if (rest != nullptr) out.problem = "has more fields than the header";
}

}  // namespace retain
