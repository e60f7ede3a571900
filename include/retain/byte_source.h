// Where the input stage's bytes come from: a file or a pipe, memory (for tests and fuzzers), or
// a gzip or zstd stream read through one of those, recognised by its first bytes, also on
// standard input. Decompression runs on a thread of its own, ahead of the parsing threads, as
// `zcat FILE | retain -` would run it in another process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace retain {

/// A stream of bytes read front to back.
class byte_source {
 public:
  virtual ~byte_source() = default;
  /// Fills `buffer` with up to `size` bytes (fewer only at the end); 0 at the end. Throws
  /// retain::error naming the input and the reason.
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

/// An input opened for reading.
struct opened_input {
  std::unique_ptr<byte_source> source;
  std::string name;        ///< the path, or "<stdin>" for "-"
  std::uint64_t size = 0;  ///< of a regular, uncompressed file; else 0 (unknown)
  std::string compression;  ///< "gzip", "zstd", or "" for none
};

/// Opens `path` ("-": standard input), decompressing it when its first bytes say gzip
/// (1f 8b) or zstd (28 b5 2f fd). Throws retain::error naming the path and the system's reason.
opened_input open_input(const std::string& path);

/// The bytes of a string, for tests.
std::unique_ptr<byte_source> memory_source(std::string bytes);

/// `raw` as it is, or decompressed when its first bytes are a gzip or zstd header (several
/// gzip members or zstd frames one after another are one stream, as zcat reads them).
/// `compression` is set to "gzip", "zstd" or "". Errors name `name`.
std::unique_ptr<byte_source> decompressing(std::unique_ptr<byte_source> raw,
                                           const std::string& name, std::string& compression);

}  // namespace retain
