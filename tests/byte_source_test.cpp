#include "retain/byte_source.h"

#include <catch2/catch.hpp>
#include <zlib.h>
#include <zstd.h>

#include <string>

#include "retain/error.h"
#include "retain/loader.h"
#include "test_files.h"

using namespace retain;  // NOLINT
using retain::testing::temp_file;

namespace {

std::string gzip(const std::string& text) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, text.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  REQUIRE_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// Everything a source gives, read in pieces of `piece` bytes.
std::string drain(byte_source& source, std::size_t piece = 7) {
  std::string out, buffer(piece, '\0');
  for (std::size_t n; (n = source.read(buffer.data(), piece)) > 0;) out.append(buffer, 0, n);
  return out;
}

std::string read_all(const std::string& bytes, std::string* compression = nullptr) {
  std::string kind;
  auto source = decompressing(memory_source(bytes), "orders.csv", kind);
  if (compression != nullptr) *compression = kind;
  return drain(*source);
}

const std::string kText = "customer,date,amount\na,2024-01-01,10.00\nb,2024-01-02,5.00\n";

}  // namespace

TEST_CASE("Plain bytes pass through, also shorter than a header", "[byte_source]") {
  std::string kind = "?";
  CHECK(read_all(kText, &kind) == kText);
  CHECK(kind.empty());
  CHECK(read_all("ab") == "ab");
  CHECK(read_all("") == "");
  CHECK(read_all(std::string("\x1f", 1)) == std::string("\x1f", 1));
}

TEST_CASE("gzip and zstd are recognised by their first bytes", "[byte_source]") {
  std::string kind;
  CHECK(read_all(gzip(kText), &kind) == kText);
  CHECK(kind == "gzip");
  CHECK(read_all(zstd(kText), &kind) == kText);
  CHECK(kind == "zstd");
}

TEST_CASE("Several gzip members or zstd frames are one stream, as zcat reads them", "[byte_source]") {
  const std::string second = "c,2024-01-03,1.00\n";
  CHECK(read_all(gzip(kText) + gzip(second)) == kText + second);
  CHECK(read_all(zstd(kText) + zstd(second)) == kText + second);
}

TEST_CASE("Large compressed inputs come through whole, in any piece size", "[byte_source]") {
  std::string big;
  for (int i = 0; i < 200000; ++i) big += "c" + std::to_string(i) + ",2024-01-01,1.00\n";
  for (const std::string& packed : {gzip(big), zstd(big)}) {
    std::string kind;
    auto source = decompressing(memory_source(packed), "big.csv", kind);
    CHECK(drain(*source, 1 << 20) == big);
  }
}

TEST_CASE("Damaged or cut compressed inputs are errors naming the input", "[byte_source]") {
  const std::string packed = gzip(kText);
  CHECK_THROWS_WITH(read_all(packed.substr(0, packed.size() - 5)),
                    "cannot read orders.csv: the gzip data ends early (truncated?)");
  std::string damaged = packed;
  damaged[12] = static_cast<char>(damaged[12] ^ 0x55);
  damaged[13] = static_cast<char>(damaged[13] ^ 0x55);
  CHECK_THROWS_WITH(read_all(damaged), Catch::Matchers::StartsWith(
                                           "cannot read orders.csv: the gzip data is damaged ("));
  const std::string frame = zstd(kText);
  CHECK_THROWS_WITH(read_all(frame.substr(0, frame.size() - 3)),
                    "cannot read orders.csv: the zstd data ends early (truncated?)");
  std::string bad = frame;
  bad[4] = static_cast<char>(0xFF);  // the frame header descriptor
  CHECK_THROWS_WITH(read_all(bad), Catch::Matchers::StartsWith(
                                       "cannot read orders.csv: the zstd data is damaged ("));
}

TEST_CASE("A compressed file loads as the same file uncompressed", "[byte_source][loader]") {
  temp_file plain(kText), packed(gzip(kText), ".csv.gz"), framed(zstd(kText), ".csv.zst");
  auto orders = [](const std::string& path) {
    load_options options;
    options.paths = {path};
    return load_orders(options).report.orders;
  };
  CHECK(orders(plain.path()) == 2);
  CHECK(orders(packed.path()) == 2);
  CHECK(orders(framed.path()) == 2);
  load_options options;
  options.paths = {packed.path(), framed.path()};
  CHECK(load_orders(options).report.warnings.empty());  // no order id: rows are orders
}
