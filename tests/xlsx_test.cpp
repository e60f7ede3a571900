#include "retain/xlsx.h"

#include <catch2/catch.hpp>

#include "retain/format.h"
#include "retain/input.h"
#include "retain/row_sink.h"

using namespace retain;  // NOLINT

TEST_CASE("xlsx text is valid UTF-8, a quoted newline a newline", "[xlsx]") {
  CHECK(escape("a\xff"
               "b",
               output_format::xlsx) ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(escape(std::string("two") + kQuotedNewline + "lines", output_format::xlsx) == "two\nlines");
  CHECK(escape("<&\x1b>", output_format::xlsx) == "<&\x1b>");  // libxlsxwriter escapes XML itself
}

TEST_CASE("A table in xlsx is a zip workbook; .xlsx picks the format", "[xlsx]") {
  table t;
  t.columns = {{"customer", column_kind::text},
               {"first_order", column_kind::date},
               {"revenue", column_kind::money},
               {"p1", column_kind::rate, true, "", "", true}};
  t.rows = {{std::string("00123"), std::string("2024-01-31"), decimal{1234, 2}, decimal{2500, 4}},
            {std::string("a\xff"), std::string("2024-02-01"), decimal{-5, 2}, value()}};
  const std::string book = render(t, output_format::xlsx);
  CHECK(book.substr(0, 4) == "PK\x03\x04");
  CHECK(format_of_path("q1.XLSX") == output_format::xlsx);
}

TEST_CASE("Sheets of one workbook are written one after another", "[xlsx]") {
  table t;
  t.columns = {{"n", column_kind::count}};
  t.rows = {{std::int64_t{1}}};
  xlsx_book book;
  book.add_table("one", t);
  book.add_table("a sheet name longer than thirty-one characters", t);
  string_sink out;
  book.finish(out);
  CHECK(out.text().substr(0, 2) == "PK");
}
