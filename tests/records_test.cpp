// The record splitter and the chunk source, fed from memory: the fields of each record, the
// line each comes from and the hashes that tell repeated rows; and the row policy's messages.
#include "retain/records.h"

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

// Every record of `text` (a header line, then records) split by a splitter of its header's
// columns all read: "field|field|..." per record, or "!problem", with the record's line.
std::vector<std::string> split_all(const std::string& text, char delimiter = ',', std::size_t chunk_bytes = 1 << 20) {
  chunk_reader reader(in_memory(text), chunk_bytes, delimiter);
  chunk records;
  REQUIRE(reader.next(records));
  const std::size_t header_bytes = text.find('\n') + 1;
  std::vector<std::string> header = split_fields(delimiter, text.substr(0, header_bytes - 1));
  column_map columns;
  columns.header = header;
  columns.index.fill(-1);
  for (std::size_t c = 0; c < header.size() && c < kRoleCount; ++c) columns.index[c] = static_cast<int>(c);
  record_splitter splitter(delimiter, columns, true);
  std::vector<std::string> out;
  bool first = true;
  do {
    splitter.start(records);
    split_record record;
    while (splitter.next(record)) {
      if (first && record.index == 0) continue;  // the header line
      std::string shown = std::to_string(records.line_of(record.index)) + ": ";
      if (record.problem != nullptr) {
        shown += std::string("!") + record.problem;
      } else {
        for (std::size_t c = 0; c < header.size(); ++c) {
          shown += (c == 0 ? "" : "|") + std::string(record.fields[c]);
        }
      }
      out.push_back(shown);
    }
    first = false;
  } while (reader.next(records));
  return out;
}

}  // namespace

TEST_CASE("Records are split into trimmed, unquoted fields, with their lines", "[records]") {
  const std::string text =
      "id,note,amount\n"
      "1, plain ,10\n"
      "2,\"with, comma\",20\n"
      "\n"
      "3,\"two\nlines\",30\r\n"
      "   \n"
      "4,\"say \"\"hi\"\"\",40\n"
      "5,ab\"c,50\n"
      "6,short\n"
      "7,a,b,c\n";
  CHECK(split_all(text) == std::vector<std::string>{
                               "2: 1|plain|10", "3: 2|with, comma|20",
                               std::string("5: 3|two") + kQuotedNewline + "lines|30",
                               "8: 4|say \"hi\"|40", "9: 5|ab\"c|50",
                               "10: !has fewer fields than the header",
                               "11: !has more fields than the header"});
}

TEST_CASE("Other separators split alike, in chunks of any size", "[records]") {
  const std::string text = "id;name;amount\n1;\"A; B\";1,50\n2;C;2,00\n3;\"D\nE\";3,00\n";
  const std::vector<std::string> expected = {"2: 1|A; B|1,50", "3: 2|C|2,00",
                                             std::string("4: 3|D") + kQuotedNewline + "E|3,00"};
  CHECK(split_all(text, ';') == expected);
  CHECK(split_all(text, ';', 8) == expected);  // a record or two per chunk
}

TEST_CASE("Equal records hash alike, whatever their line ends; others do not", "[records]") {
  const std::string text = "id\n1,a\r\n1,a\n1,b\n";
  chunk_reader reader(in_memory(text), 1 << 20, '|');
  chunk records;
  REQUIRE(reader.next(records));
  column_map columns;
  columns.header = {"id"};
  columns.index.fill(-1);
  columns.index[0] = 0;
  record_splitter splitter('|', columns, true);
  splitter.start(records);
  std::vector<std::uint64_t> hashes;
  for (split_record record; splitter.next(record);) hashes.push_back(record.hash);
  REQUIRE(hashes.size() == 4);
  CHECK(hashes[1] == hashes[2]);
  CHECK(hashes[1] != hashes[3]);
  CHECK(hashes[1] != 0);
  record_splitter unhashed('|', columns, false);
  unhashed.start(records);
  split_record record;
  REQUIRE(unhashed.next(record));
  CHECK(record.hash == 0);
}

TEST_CASE("The header and the sample split as rows do", "[records]") {
  CHECK(split_fields(',', " a ,\"b,c\", \"d\"\"e\" ") == std::vector<std::string>{"a", "b,c", "d\"e"});
  CHECK(split_fields('\t', "a\t b \tc") == std::vector<std::string>{"a", "b", "c"});
  CHECK_THROWS_WITH(split_fields(',', "a,\"b"), "a quote is not closed");
}

TEST_CASE("The chunk source hands out chunks in file order, numbered, until one fails", "[records]") {
  chunk_reader reader(in_memory("a\n1\n2\n3\n4\n"), 2);
  progress_meter quiet(false, 0);
  chunk_source source(reader, 5, quiet);
  chunk records;
  std::uint64_t number = 0;
  REQUIRE(source.next(records, number));
  CHECK(number == 5);
  REQUIRE(source.next(records, number));
  CHECK(number == 6);
  source.fail();
  CHECK_FALSE(source.next(records, number));
  CHECK(source.next_number() == 7);
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
