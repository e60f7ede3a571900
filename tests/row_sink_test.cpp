#include "retain/row_sink.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace retain;  // NOLINT

namespace {

constexpr output_format kFormats[] = {output_format::table, output_format::csv,
                                      output_format::tsv, output_format::json,
                                      output_format::markdown};

// Every kind of column, one not shown on a terminal, and texts hostile to each format: its own
// separators and quotes, line breaks, a control character, a backslash, invalid UTF-8 and
// multi-byte characters (which the terminal table pads by their display width).
table hostile() {
  table t;
  t.columns = {{"customer", column_kind::text},
               {"note", column_kind::text, false},
               {"orders", column_kind::count},
               {"revenue", column_kind::money, true, "sales"},
               {"repeat_rate", column_kind::rate},
               {"T", column_kind::number}};
  const std::vector<std::string> texts = {"plain",
                                          "comma, and \"quotes\"",
                                          "tab\there",
                                          "two\nlines\r\nand CR",
                                          "pipe | and back\\slash",
                                          std::string("bell \x07 and nul-free \x1f"),
                                          "bad utf-8 \xff\xfe end",
                                          "Zoë Müller",
                                          ""};
  std::int64_t n = 0;
  for (const std::string& text : texts) {
    t.rows.push_back({text, text + "!", n * 1234567, decimal{-n * 100003, 2},
                      n % 3 == 0 ? value() : value(decimal{n * 1111, 4}),
                      decimal{n * 7, 4}});
    ++n;
  }
  return t;
}

// Writes the rows of `t` as write_rows makes them on demand: copied into the scratch row.
std::string streamed(const table& t, output_format format) {
  string_sink out;
  write_rows(
      format, t.columns, t.rows.size(),
      [&](std::size_t i, std::vector<value>& scratch) -> const std::vector<value>& {
        scratch = t.rows[i];
        return scratch;
      },
      out);
  return out.text();
}

// A reader that goes away after `limit` writes.
class closing_sink : public byte_sink {
 public:
  explicit closing_sink(int limit) : limit_(limit) {}
  void write(std::string_view text) override {
    if (writes_ < limit_) text_ += text;
    ++writes_;
  }
  bool closed() const override { return writes_ >= limit_; }
  const std::string& text() const { return text_; }

 private:
  int limit_;
  int writes_ = 0;
  std::string text_;
};

}  // namespace

TEST_CASE("Rows streamed one by one equal the whole table's rendering in every format",
          "[row_sink]") {
  const table t = hostile();
  for (output_format format : kFormats) {
    CAPTURE(static_cast<int>(format));
    CHECK(streamed(t, format) == render(t, format));
    const table empty{t.columns, {}};
    CHECK(streamed(empty, format) == render(empty, format));
  }
}

TEST_CASE("Each format escapes the text of a streamed row its own way", "[row_sink]") {
  table t;
  t.columns = {{"id", column_kind::text}, {"n", column_kind::count}};
  t.rows = {{std::string("a,\"b\"\tc\nd\\e\x01"), std::int64_t{1234}}};
  CHECK(streamed(t, output_format::csv) == "id,n\n\"a,\"\"b\"\"\tc\nd\\e\x01\",1234\n");
  CHECK(streamed(t, output_format::tsv) == "id\tn\na,\"b\" c d\\e\x01\t1234\n");
  CHECK(streamed(t, output_format::json) ==
        "[\n  {\"id\": \"a,\\\"b\\\"\\tc\\nd\\\\e\\u0001\", \"n\": 1234}\n]\n");
}

TEST_CASE("The terminal table pads to the widest cell of all rows, measured first", "[row_sink]") {
  table t;
  t.columns = {{"customer", column_kind::text}, {"revenue", column_kind::money}};
  t.rows = {{std::string("a"), decimal{5, 2}}, {std::string("longer name"), decimal{123456789, 2}}};
  CHECK(streamed(t, output_format::table) ==
        "customer          revenue\n"
        "a                    0.05\n"
        "longer name  1,234,567.89\n");
  CHECK(streamed(t, output_format::markdown) ==
        "| customer    |      revenue |\n"
        "|-------------|-------------:|\n"
        "| a           |         0.05 |\n"
        "| longer name | 1,234,567.89 |\n");
}

TEST_CASE("A sink writes rows as they come, with the header first and the end last", "[row_sink]") {
  const table t = hostile();
  string_sink out;
  column_widths widths(t.columns, output_format::markdown);
  for (const auto& row : t.rows) widths.add(row);
  std::unique_ptr<row_sink> sink =
      open_row_sink(output_format::markdown, t.columns, out, widths.widths());
  const std::string whole = render(t, output_format::markdown);
  const std::size_t rule_end = whole.find('\n', whole.find('\n') + 1) + 1;
  CHECK(out.text() == whole.substr(0, rule_end));  // the heading and the rule
  for (const auto& row : t.rows) sink->row(row);
  sink->finish();
  CHECK(out.text() == whole);
}

TEST_CASE("The terminal table and Markdown need the column widths", "[row_sink]") {
  const table t = hostile();
  string_sink out;
  CHECK_THROWS_AS(open_row_sink(output_format::table, t.columns, out), std::invalid_argument);
  CHECK_THROWS_AS(open_row_sink(output_format::markdown, t.columns, out), std::invalid_argument);
  CHECK_NOTHROW(open_row_sink(output_format::csv, t.columns, out));
}

TEST_CASE("Rows stop being made once the reader has gone", "[row_sink]") {
  const table t = hostile();
  for (output_format format : {output_format::csv, output_format::json}) {
    closing_sink out(2);  // the header (or nothing, for JSON) and one row
    std::size_t made = 0;
    write_rows(
        format, t.columns, t.rows.size(),
        [&](std::size_t i, std::vector<value>&) -> const std::vector<value>& {
          ++made;
          return t.rows[i];
        },
        out);
    CHECK(made <= 2);
  }
}

TEST_CASE("The columns that fit a terminal: the first, then each that still fits", "[row_sink]") {
  const std::vector<column> columns = {{"a", column_kind::text},
                                       {"b", column_kind::count},
                                       {"hidden", column_kind::count, false},
                                       {"c", column_kind::count},
                                       {"d", column_kind::count}};
  const std::vector<std::size_t> widths = {10, 5, 0, 20, 3};
  // a (10) + 2 + b (5) = 17; c would need 39; d fits at 22.
  CHECK(fitting_columns(columns, widths, 22) == std::vector<std::size_t>{0, 1, 4});
  CHECK(fitting_columns(columns, widths, 21) == std::vector<std::size_t>{0, 1});
  CHECK(fitting_columns(columns, widths, 44) == std::vector<std::size_t>{0, 1, 3, 4});
  CHECK(fitting_columns(columns, widths, 4) == std::vector<std::size_t>{0});  // always the first
}
