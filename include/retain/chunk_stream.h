// Feeds the chunks of one input to the reading threads. A chunk_source hands out the chunks in
// file order, numbered; each thread's chunk_stream presents the header line followed by the chunks
// it took as one byte stream for the CSV parser, and maps the parser's line numbers back to the
// input's lines and chunks.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "retain/input.h"
#include "retain/progress.h"

namespace retain {

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

/// One thread's view: the header line, then the chunks it takes from the source.
class chunk_stream {
 public:
  /// `first` is a chunk already taken (the rest of the first chunk after the header), if any.
  /// With `hash_records`, each record's bytes are hashed as its chunk comes in (record_hash()).
  chunk_stream(const std::string& header_line, std::optional<std::pair<chunk, std::uint64_t>> first,
               chunk_source& source, bool hash_records = false);

  /// Copies the next bytes into buffer; fills it completely unless the stream ends.
  int read(char* buffer, int size);

  /// Where the parser's line `stream_line` (1 is the header) comes from: the input's line and
  /// the chunk's number. Not for lines before those given to forget_before().
  struct origin {
    std::uint64_t line;
    std::uint64_t chunk;
    std::uint64_t chunk_records;
  };
  origin locate(std::uint64_t stream_line) const;
  /// A hash of the bytes of the record at `stream_line` (a CR before its newline left out), or 0
  /// without `hash_records`. Same range as locate().
  std::uint64_t record_hash(std::uint64_t stream_line) const;
  /// Lines before `stream_line` will not be located again: their chunks' places can go.
  void forget_before(std::uint64_t stream_line);

 private:
  struct placed {
    std::uint64_t first_stream_line;
    std::uint64_t number;
    std::uint64_t first_line;
    std::uint64_t records;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> multiline;
    std::vector<std::uint64_t> hashes;  // of each record, with hash_records
  };

  bool advance();
  const placed& holding(std::uint64_t stream_line) const;

  chunk_source& source_;
  std::optional<std::pair<chunk, std::uint64_t>> first_;
  chunk next_;
  byte_buffer current_;
  std::size_t offset_ = 0;
  std::deque<placed> placed_;
  std::uint64_t next_stream_line_ = 2;
  bool hash_records_;
};

}  // namespace retain
