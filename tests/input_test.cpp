#include "retain/input.h"

#include <catch2/catch.hpp>

#include <string>

#include "retain/error.h"
#include "test_files.h"

using namespace retain;  // NOLINT
using retain::testing::temp_file;

namespace {
std::vector<chunk> read_all(const std::string& path, std::size_t chunk_bytes) {
  chunk_reader reader(path, chunk_bytes);
  std::vector<chunk> chunks;
  chunk c;
  while (reader.next(c)) chunks.push_back(c);
  return chunks;
}
std::string text_of(const chunk& c) { return std::string(c.bytes.begin(), c.bytes.end()); }
}  // namespace

TEST_CASE("Chunks hold whole records and cover the input", "[input]") {
  temp_file file("a,b\n1,2\n3,4\n5,6\n");
  auto chunks = read_all(file.path(), 5);
  std::string all;
  std::uint64_t records = 0;
  for (const chunk& c : chunks) {
    REQUIRE(!c.bytes.empty());
    CHECK(c.bytes.back() == '\n');
    all += text_of(c);
    records += c.records;
  }
  CHECK(all == "a,b\n1,2\n3,4\n5,6\n");
  CHECK(records == 4);
  CHECK(chunks.front().first_line == 1);
  CHECK(chunks.back().end_line() == 5);
}

TEST_CASE("A newline inside quotes stays inside its record", "[input]") {
  temp_file file("id,note\n1,\"two\nlines\"\n2,\"three\r\nmore\nlines\"\n3,x\n");
  auto chunks = read_all(file.path(), 1 << 20);
  REQUIRE(chunks.size() == 1);
  const chunk& c = chunks[0];
  CHECK(c.records == 4);
  CHECK(text_of(c) == "id,note\n1,\"two\x1elines\"\n2,\"three\r\x1emore\x1elines\"\n3,x\n");
  CHECK(c.line_of(0) == 1);
  CHECK(c.line_of(1) == 2);
  CHECK(c.line_of(2) == 4);
  CHECK(c.line_of(3) == 7);
  CHECK(c.end_line() == 8);
}

TEST_CASE("Line numbers continue across chunk boundaries inside quotes", "[input]") {
  temp_file file("h\n\"a\nb\nc\"\nx\n\"d\ne\"\ny\n");
  for (std::size_t size : {1u, 2u, 3u, 7u, 64u}) {
    auto chunks = read_all(file.path(), size);
    std::vector<std::uint64_t> lines;
    for (const chunk& c : chunks) {
      for (std::uint64_t i = 0; i < c.records; ++i) lines.push_back(c.line_of(i));
    }
    INFO("chunk size " << size);
    CHECK(lines == std::vector<std::uint64_t>{1, 2, 5, 6, 8});
  }
}

TEST_CASE("A quote opens a quoted field only at the start of a field", "[input]") {
  temp_file file("a,b\nab\"c,1\nd,\"x\ny\"\ne\"f,2\n \"g\nh\",3\n\"i\"\"\nj\",4\n");
  for (std::size_t size : {1u, 2u, 5u, 1024u}) {
    auto chunks = read_all(file.path(), size);
    std::string all;
    std::vector<std::uint64_t> lines;
    for (const chunk& c : chunks) {
      all += text_of(c);
      for (std::uint64_t i = 0; i < c.records; ++i) lines.push_back(c.line_of(i));
    }
    INFO("chunk size " << size);
    CHECK(all == "a,b\nab\"c,1\nd,\"x\x1ey\"\ne\"f,2\n \"g\x1eh\",3\n\"i\"\"\x1ej\",4\n");
    CHECK(lines == std::vector<std::uint64_t>{1, 2, 3, 5, 6, 8});
  }
}

TEST_CASE("The last record gets a newline and a BOM is dropped", "[input]") {
  temp_file file("\xEF\xBB\xBFh\n1");
  auto chunks = read_all(file.path(), 1024);
  REQUIRE(chunks.size() == 1);
  CHECK(text_of(chunks[0]) == "h\n1\n");
}

TEST_CASE("An empty input has no chunks", "[input]") {
  temp_file file("");
  CHECK(read_all(file.path(), 1024).empty());
}

TEST_CASE("Unreadable inputs are errors that name the file", "[input]") {
  temp_file open_quote("h\n1\n\"never\nclosed\n");
  CHECK_THROWS_WITH(read_all(open_quote.path(), 1024),
                    open_quote.path() + ":3: a quoted field is not closed before the end of the file");
  temp_file nul(std::string("h\n1\n2\0x\n", 9));
  CHECK_THROWS_WITH(read_all(nul.path(), 1024),
                    nul.path() + ":3: has a NUL byte (is this a text CSV file?)");
  temp_file utf16(std::string("\xFF\xFEh\0", 4));
  CHECK_THROWS_WITH(read_all(utf16.path(), 1024),
                    "cannot read " + utf16.path() + ": it is UTF-16 text; save it as UTF-8");
  temp_file cr("h\r1\r2\r");
  CHECK_THROWS_WITH(read_all(cr.path(), 1024),
                    "cannot read " + cr.path() +
                        ": its lines end in CR only (old Mac style); convert them with tr '\\r' '\\n'");
  CHECK_THROWS_WITH(chunk_reader("/nonexistent/orders.csv"),
                    "cannot open /nonexistent/orders.csv: No such file or directory");
  CHECK_THROWS_WITH(chunk_reader("/tmp"), "cannot read /tmp: it is a directory");
}

TEST_CASE("A record longer than the limit is refused", "[input]") {
  std::string big = "h\n\"" + std::string(kMaxRecordBytes + 10, 'x') + "\"\n";
  temp_file file(big);
  CHECK_THROWS_WITH(read_all(file.path(), 1 << 20),
                    file.path() + ":2: a record is longer than 16 MiB (is a quote left open?)");
}

TEST_CASE("Every block size cuts quoted records the same, a closing quote last in a block too",
          "[input]") {
  // Two-line notes, a doubled quote inside one, and quotes at every offset of some block size.
  const std::string text =
      "id,note\n1,\"gift wrap\nleave at the door\"\n2,\"say \"\"hi\"\"\nplease\"\n3,plain\n"
      "4,\"x\ny\"\n5,\"\"\n";
  for (std::size_t block = 1; block <= text.size() + 1; ++block) {
    opened_input input{memory_source(text), "notes.csv", 0, ""};
    chunk_reader reader(std::move(input), block);
    std::string all;
    std::uint64_t records = 0;
    chunk c;
    while (reader.next(c)) {
      all += std::string(c.bytes.begin(), c.bytes.end());
      records += c.records;
    }
    INFO("block " << block);
    CHECK(records == 6);
    CHECK(all == "id,note\n1,\"gift wrap\x1eleave at the door\"\n2,\"say \"\"hi\"\"\x1eplease\"\n"
                 "3,plain\n4,\"x\x1ey\"\n5,\"\"\n");
  }
}
