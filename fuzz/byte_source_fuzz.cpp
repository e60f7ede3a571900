// Fuzzes byte_source.h: decompressing() on arbitrary bytes, which reach the gzip and zstd
// readers whenever they start with those magic bytes (seeds: small real gzip and zstd streams,
// and cut or damaged ones), read in pieces of a size the first input byte picks.
//
// Invariants checked: every read either gives bytes or throws retain::error (no other exception,
// crash, leak or sanitizer report); bytes that are neither gzip nor zstd come back unchanged;
// the same input read in another piece size gives the same bytes or the same error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "retain/byte_source.h"
#include "retain/error.h"

namespace {

// Everything the stream gives in pieces of `piece` bytes, or "error: " and its message.
std::string drain(const std::string& bytes, std::size_t piece, std::string& compression) {
  try {
    auto source = retain::decompressing(retain::memory_source(bytes), "fuzz", compression);
    std::string out, buffer(piece, '\0');
    for (std::size_t n; (n = source->read(buffer.data(), piece)) > 0;) {
      out.append(buffer, 0, n);
      if (out.size() > (std::size_t{64} << 20)) return out;  // a bomb: enough seen
    }
    return out;
  } catch (const retain::error& e) {
    return std::string("error: ") + e.what();
  }
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "byte_source_fuzz: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = 1 + data[0] % 64;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string compression, again;
  const std::string small = drain(bytes, piece, compression);
  const std::string large = drain(bytes, std::size_t{1} << 16, again);
  if (compression != again) fail("the compression depends on the piece size");
  if (compression.empty() && small != bytes) fail("plain bytes changed on the way through");
  if (small.size() <= (std::size_t{64} << 20) && small != large) {
    fail("two piece sizes gave different bytes or errors");
  }
  return 0;
}
