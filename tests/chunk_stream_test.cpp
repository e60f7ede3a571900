// The chunk source and the per-thread chunk streams, fed from memory: the bytes the parser sees,
// where each of its lines comes from, and the record hashes that tell repeated rows.
#include "retain/chunk_stream.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "retain/row_policy.h"

using namespace retain;  // NOLINT

namespace {

opened_input in_memory(const std::string& text) {
  opened_input input;
  input.source = memory_source(text);
  input.name = "orders.csv";
  return input;
}

// The first chunk of `reader`, without the header line (one line, `header_bytes` long with its
// newline), as the loader hands it to the first stream.
chunk first_records(chunk_reader& reader, std::size_t header_bytes) {
  chunk first;
  REQUIRE(reader.next(first));
  first.bytes.erase(first.bytes.begin(), first.bytes.begin() + static_cast<std::ptrdiff_t>(header_bytes));
  first.first_line = 2;
  first.records -= 1;
  for (auto& [index, extra] : first.multiline) index -= 1;
  return first;
}

// Everything a stream gives the parser, read in small pieces.
std::string drain(chunk_stream& stream) {
  std::string out;
  char buffer[7];
  for (int n; (n = stream.read(buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  return out;
}

}  // namespace

TEST_CASE("Two streams share the chunks; each maps its lines back to the input", "[chunk_stream]") {
  // Line 3's note spans three lines; chunks of about 12 bytes hold a record or two.
  const std::string text = "id,note\n1,a\n2,\"x\ny\nz\"\n3,b\n4,c\n5,d\n";
  const std::map<std::string, std::uint64_t> line_of = {
      {"1,a", 2}, {std::string("2,\"x") + kQuotedNewline + "y" + kQuotedNewline + "z\"", 3},
      {"3,b", 6}, {"4,c", 7}, {"5,d", 8}};
  chunk_reader reader(in_memory(text), 12);
  chunk first = first_records(reader, 8);
  progress_meter quiet(false, 0);
  chunk_source source(reader, 1, quiet);
  chunk_stream a("id,note", std::make_pair(std::move(first), std::uint64_t{0}), source);
  chunk_stream b("id,note", std::nullopt, source);
  // Each stream reads a piece at a time, in turn, as two parsing threads would.
  std::string bytes[2];
  for (bool more = true; more;) {
    more = false;
    for (int s = 0; s < 2; ++s) {
      char buffer[9];
      const int n = (s == 0 ? a : b).read(buffer, sizeof buffer);
      bytes[s].append(buffer, static_cast<std::size_t>(n));
      more = more || n > 0;
    }
  }
  std::map<std::string, std::uint64_t> seen;
  for (int s = 0; s < 2; ++s) {
    chunk_stream& stream = s == 0 ? a : b;
    std::vector<std::string> records;
    for (std::size_t at = 0, nl; (nl = bytes[s].find('\n', at)) != std::string::npos; at = nl + 1) {
      records.push_back(bytes[s].substr(at, nl - at));
    }
    REQUIRE(records.size() >= 2);  // both streams took chunks
    CHECK(records[0] == "id,note");  // every stream starts with the header
    for (std::uint64_t i = 1; i < records.size(); ++i) {
      INFO("stream " << s << ", record " << records[i]);
      REQUIRE(line_of.count(records[i]) == 1);
      CHECK(stream.locate(i + 1).line == line_of.at(records[i]));
      seen[records[i]] = stream.locate(i + 1).chunk;
    }
  }
  CHECK(seen.size() == line_of.size());  // every record once, in one stream or the other
  CHECK(seen.at("1,a") == 0);
  CHECK(seen.at("3,b") > seen.at("1,a"));  // chunks numbered in file order
  CHECK(seen.at("5,d") >= seen.at("3,b"));
}

TEST_CASE("A stream locates each record's first line across multi-line notes", "[chunk_stream]") {
  const std::string text = "id,note\n1,a\n2,\"x\ny\nz\"\n3,b\n4,\"p\r\nq\"\n5,d\n";
  chunk_reader reader(in_memory(text), 1 << 20);
  chunk first = first_records(reader, 8);
  progress_meter quiet(false, 0);
  chunk_source source(reader, 1, quiet);
  chunk_stream s("id,note", std::make_pair(std::move(first), std::uint64_t{0}), source, true);
  const std::string bytes = drain(s);
  CHECK(bytes == std::string("id,note\n1,a\n2,\"x") + kQuotedNewline + "y" + kQuotedNewline +
                     "z\"\n3,b\n4,\"p\r" + kQuotedNewline + "q\"\n5,d\n");
  // Records 1..5 are stream lines 2..6 and start on input lines 2, 3, 6, 7, 9.
  const std::vector<std::uint64_t> lines = {2, 3, 6, 7, 9};
  for (std::uint64_t i = 0; i < lines.size(); ++i) {
    INFO("record " << i + 1);
    CHECK(s.locate(i + 2).line == lines[i]);
    CHECK(s.locate(i + 2).chunk == 0);
  }
}

TEST_CASE("Equal records hash alike, whatever their line ends; others do not", "[chunk_stream]") {
  const std::string text = "id\n1,a\r\n1,a\n1,b\n";
  chunk_reader reader(in_memory(text), 1 << 20);
  chunk first = first_records(reader, 3);
  progress_meter quiet(false, 0);
  chunk_source source(reader, 1, quiet);
  chunk_stream hashed("id", std::make_pair(std::move(first), std::uint64_t{0}), source, true);
  drain(hashed);
  CHECK(hashed.record_hash(2) == hashed.record_hash(3));
  CHECK(hashed.record_hash(2) != hashed.record_hash(4));
  CHECK(hashed.record_hash(2) != 0);
}

TEST_CASE("Bad-row messages from several threads come out in reading order", "[row_policy]") {
  // Thread b read the earlier chunks of input 0; thread a the later ones and input 1.
  row_policy a(false), b(false);
  a.set_input(0);
  a.bad_row("one.csv", 50, "a date that cannot be read", "date \"x\" is not a date");
  a.bad_row("one.csv", 60, "an empty amount", "the amount is empty");
  b.set_input(0);
  b.bad_row("one.csv", 10, "a date that cannot be read", "date \"y\" is not a date");
  a.set_input(1);
  a.bad_row("two.csv", 2, "a date that cannot be read", "date \"z\" is not a date");
  b.bad_row("one.csv", 70, "a date that cannot be read", "date \"w\" is not a date");
  row_policy all(false);
  all.merge(a);
  all.merge(b);
  CHECK(all.count() == 5);
  CHECK(all.shown() == std::vector<std::string>{
                           "one.csv:10: date \"y\" is not a date", "one.csv:50: date \"x\" is not a date",
                           "one.csv:60: the amount is empty", "one.csv:70: date \"w\" is not a date",
                           "two.csv:2: date \"z\" is not a date"});
  auto [kind, counted] = all.commonest();
  CHECK(kind == "a date that cannot be read");
  CHECK(counted.count == 4);
  REQUIRE(counted.examples.size() == row_policy::kExamples);
  CHECK(counted.examples[0].text == "one.csv:10: date \"y\" is not a date");
  CHECK(counted.examples[2].text == "one.csv:70: date \"w\" is not a date");
}

TEST_CASE("Only the first messages are kept, and --strict stops at the first", "[row_policy]") {
  row_policy late(false), early(false);
  for (std::uint64_t line = 100; line < 100 + row_policy::kShown; ++line) {
    late.bad_row("f.csv", line, "an empty date", "the date is empty");
  }
  early.bad_row("f.csv", 5, "an empty date", "the date is empty");
  row_policy all(false);
  all.merge(late);
  all.merge(early);
  REQUIRE(all.shown().size() == row_policy::kShown);
  CHECK(all.shown().front() == "f.csv:5: the date is empty");
  CHECK(all.shown().back() == "f.csv:108: the date is empty");
  CHECK(all.count() == row_policy::kShown + 1);

  row_policy strict(true);
  CHECK_THROWS_WITH(strict.bad_row("f.csv", 7, "an empty date", "the date is empty"),
                    "f.csv:7: the date is empty (--strict)");
}
