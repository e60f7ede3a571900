// The record splitter stage: cuts the records of a chunk (whole CSV records, input.h) into the
// fields a plan reads, in place, as RFC 4180 exports write them: a field is quoted only when its
// first character (blanks aside) is a quote, "" inside quotes is a quote, a quote elsewhere (ab"c)
// is a plain character; blanks and tabs around a field are trimmed; empty and blank lines are no
// records. Each reading thread splits the chunks it takes, so splitting runs in parallel.
//
// The field functions are fast-cpp-csv-parser's (chop, trim, unescape). Its line reader is not
// used: it needs a 48 MB buffer per thread and a copy of every byte, where the chunk reader has
// already found where each record ends, quotes included.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "retain/columns.h"
#include "retain/input.h"
#include "retain/row_decoder.h"

namespace retain {

/// Splits a record (a header line, or a record of the sample) into all its fields, unquoted and
/// trimmed as rows are. Throws retain::error "a quote is not closed".
std::vector<std::string> split_fields(char delimiter, std::string record);

/// A record of a chunk, split.
struct split_record {
  row_fields fields;             ///< by role; null where the plan reads no column
  std::uint64_t index = 0;       ///< the record's index in its chunk (chunk::line_of() its line)
  std::uint64_t hash = 0;        ///< of its bytes (a CR before its newline left out); 0 unless asked
  const char* problem = nullptr; ///< why it cannot be split ("has fewer fields than the header")
};

class record_splitter {
 public:
  /// Splits records of `columns.header.size()` fields separated by `delimiter`, keeping the
  /// fields of the roles that `columns` reads. With `hash_records`, each record's bytes are
  /// hashed before they are split (to tell repeated rows).
  record_splitter(char delimiter, const column_map& columns, bool hash_records);

  /// Starts on a chunk, whose bytes it rewrites; they must stay put while its fields are used.
  void start(chunk& records);
  /// The next record of the chunk; false after the last.
  bool next(split_record& out);

 private:
  template <char sep>
  void split(char* line, split_record& out) const;

  char delimiter_;
  std::vector<int> role_of_column_;  // by column: the role whose field it is, or -1
  bool hash_records_;
  char* at_ = nullptr;
  char* end_ = nullptr;
  std::uint64_t index_ = 0;
};

}  // namespace retain
