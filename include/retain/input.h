// The input stage: reads a file or standard input in large blocks and cuts them into chunks of
// whole CSV records, so that each chunk can be split into fields on its own, in any thread; a
// chunk_source hands the chunks out to the reading threads in file order, numbered.
//
// Records may span lines: a newline inside a quoted field (Shopify order notes) is replaced by
// kQuotedNewline in the chunk, and the chunk remembers how many physical lines each such record
// spans, so that every record still maps back to the line where it starts in the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "retain/big_memory.h"
#include "retain/byte_source.h"
#include "retain/progress.h"

namespace retain {

/// Stands in for a newline inside a quoted field (ASCII record separator).
constexpr char kQuotedNewline = '\x1e';
/// Default size of a chunk; a record longer than this makes its chunk longer.
constexpr std::size_t kDefaultChunkBytes = std::size_t{4} << 20;
/// Longest record accepted, as the CSV parser's own limit.
constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20;

/// Whole records, each ending in '\n', cut from one input.
struct chunk {
  byte_buffer bytes;
  std::uint64_t first_line = 1;  ///< physical line where the first record starts
  std::uint64_t records = 0;
  /// For each record that spans several lines: its index and the number of extra lines of all
  /// records up to and including it.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> multiline;

  /// The physical line where record `index` (0-based within this chunk) starts.
  std::uint64_t line_of(std::uint64_t index) const;
  /// The physical line after the last record of this chunk.
  std::uint64_t end_line() const;
};

/// The physical line where record `index` of a chunk starts: the chunk's first line and its list
/// of multi-line records (chunk::multiline). Binary search: no copy, no walk.
std::uint64_t line_of_record(std::uint64_t first_line,
                             const std::vector<std::pair<std::uint64_t, std::uint64_t>>& multiline,
                             std::uint64_t index);

/// Reads one input chunk by chunk. It holds one chunk of bytes at a time.
class chunk_reader {
 public:
  /// Reads an opened input (open_input(): a file, a pipe, compressed or not; or memory). A quote
  /// opens a quoted field only at the start of a field, after the delimiter or a line start.
  /// Delimiter 0: the one of , ; tab | that the header line has most of outside quotes (an
  /// error naming --delimiter when two tie).
  explicit chunk_reader(opened_input input, std::size_t chunk_bytes = kDefaultChunkBytes,
                        char delimiter = ',');
  /// Opens `path` ("-" is standard input) with open_input(); throws retain::error naming the
  /// path and the system's reason.
  explicit chunk_reader(const std::string& path, std::size_t chunk_bytes = kDefaultChunkBytes,
                        char delimiter = ',');
  chunk_reader(const chunk_reader&) = delete;
  chunk_reader& operator=(const chunk_reader&) = delete;

  /// Fills `out` with the next records; false at the end of the input. Throws retain::error
  /// (path:line: reason) on a NUL byte, UTF-16 text, CR-only line ends, an over-long record or a
  /// quoted field that is never closed.
  bool next(chunk& out);

  const std::string& path() const { return path_; }
  /// The field separator: as given, or sniffed from the header once the first chunk is read.
  char delimiter() const { return delimiter_; }
  /// Size of the input when it is a regular, uncompressed file, else 0.
  std::uint64_t size() const { return size_; }
  /// "gzip", "zstd", or "" for an input that is not compressed.
  const std::string& compression() const { return compression_; }

 private:
  bool fill();
  void scan();
  bool opens_field(const char* data, std::size_t quote) const;
  void check_first_block();
  void sniff_delimiter();
  static std::string too_long();
  [[noreturn]] void fail(std::uint64_t line, const std::string& reason) const;

  std::string path_;
  std::unique_ptr<byte_source> source_;
  std::string compression_;
  std::size_t chunk_bytes_;
  char delimiter_;
  std::uint64_t size_ = 0;
  bool eof_ = false;
  bool started_ = false;

  // Bytes read and not yet handed out; they always begin at the start of a record.
  byte_buffer pending_;
  std::size_t scanned_ = 0;   // how much of pending_ has been scanned
  std::size_t boundary_ = 0;  // end of the last whole record in pending_
  bool in_quote_ = false;
  std::uint64_t records_ = 0;      // whole records in pending_[0, boundary_)
  std::uint64_t open_extra_ = 0;   // newlines inside quotes of the record being scanned
  std::uint64_t total_extra_ = 0;  // extra lines of the whole records so far
  std::vector<std::pair<std::uint64_t, std::uint64_t>> multiline_;
  std::uint64_t next_line_ = 1;
};

/// Hands out the chunks of one input, in order, to several threads; stops them all once one fails.
class chunk_source {
 public:
  /// `first_number` numbers the first chunk; numbers keep counting across inputs.
  chunk_source(chunk_reader& reader, std::uint64_t first_number, progress_meter& progress)
      : reader_(reader), next_number_(first_number), progress_(progress) {}

  /// The next chunk and its number; false at the end of the input or after fail().
  bool next(chunk& out, std::uint64_t& number);
  void fail();
  std::uint64_t next_number() const { return next_number_; }

 private:
  chunk_reader& reader_;
  std::mutex mutex_;
  std::uint64_t next_number_;
  progress_meter& progress_;
  bool failed_ = false;
};

}  // namespace retain
