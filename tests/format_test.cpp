#include "retain/format.h"

#include <catch2/catch.hpp>

using namespace retain;  // NOLINT

namespace {
table sample() {
  table t;
  t.columns = {{"window", column_kind::text},
               {"start", column_kind::text, false},
               {"customers", column_kind::count},
               {"revenue", column_kind::money},
               {"repeat_rate", column_kind::rate},
               {"purchase_frequency", column_kind::number}};
  t.rows.push_back({std::string("2024-01"), std::string("2024-01-01"), std::int64_t{1234},
                    decimal{123456789, 2}, decimal{1250, 4}, decimal{15000, 4}});
  t.rows.push_back({std::string("say \"hi\", ok"), std::string("2024-02-01"), std::int64_t{0},
                    decimal{-5, 2}, value(), value()});
  return t;
}
}  // namespace

TEST_CASE("CSV quotes only what needs it and leaves undefined values empty", "[format]") {
  CHECK(render(sample(), output_format::csv) ==
        "window,start,customers,revenue,repeat_rate,purchase_frequency\n"
        "2024-01,2024-01-01,1234,1234567.89,0.1250,1.5000\n"
        "\"say \"\"hi\"\", ok\",2024-02-01,0,-0.05,,\n");
}

TEST_CASE("TSV uses tabs", "[format]") {
  CHECK(render(sample(), output_format::tsv) ==
        "window\tstart\tcustomers\trevenue\trepeat_rate\tpurchase_frequency\n"
        "2024-01\t2024-01-01\t1234\t1234567.89\t0.1250\t1.5000\n"
        "say \"hi\", ok\t2024-02-01\t0\t-0.05\t\t\n");
}

TEST_CASE("JSON has numbers as numbers and null for undefined", "[format]") {
  CHECK(render(sample(), output_format::json) ==
        "[\n"
        "  {\"window\": \"2024-01\", \"start\": \"2024-01-01\", \"customers\": 1234, \"revenue\": "
        "1234567.89, \"repeat_rate\": 0.1250, \"purchase_frequency\": 1.5000},\n"
        "  {\"window\": \"say \\\"hi\\\", ok\", \"start\": \"2024-02-01\", \"customers\": 0, "
        "\"revenue\": -0.05, \"repeat_rate\": null, \"purchase_frequency\": null}\n"
        "]\n");
  CHECK(render(table{sample().columns, {}}, output_format::json) == "[]\n");
}

TEST_CASE("The terminal table aligns and shows people's numbers", "[format]") {
  CHECK(render(sample(), output_format::table) ==
        "window        customers       revenue  repeat rate  purchase frequency\n"
        "2024-01           1,234  1,234,567.89       12.50%              1.5000\n"
        "say \"hi\", ok          0         -0.05            -                   -\n");
}

TEST_CASE("Markdown is a pipe table with right-aligned numbers", "[format]") {
  CHECK(render(sample(), output_format::markdown) ==
        "| window       | customers |      revenue | repeat rate | purchase frequency |\n"
        "|--------------|----------:|-------------:|------------:|-------------------:|\n"
        "| 2024-01      |     1,234 | 1,234,567.89 |      12.50% |             1.5000 |\n"
        "| say \"hi\", ok |         0 |        -0.05 |           - |                  - |\n");
}

TEST_CASE("Partial windows are marked with a footnote; complete is a boolean in JSON", "[format]") {
  table t;
  t.columns = {{"window", column_kind::text},
               {"customers", column_kind::count},
               {"complete", column_kind::flag, false}};
  t.rows.push_back({std::string("2024-01"), std::int64_t{5}, true});
  t.rows.push_back({std::string("2024-02"), std::int64_t{3}, false});
  CHECK(render_windows(t, output_format::table, "partial") ==
        "window    customers\n"
        "2024-01           5\n"
        "2024-02*          3\n"
        "* partial\n");
  CHECK(render_windows(t, output_format::markdown, "a|b") ==
        "| window   | customers |\n"
        "|----------|----------:|\n"
        "| 2024-01  |         5 |\n"
        "| 2024-02* |         3 |\n"
        "\\* a\\|b\n");
  CHECK(render(t, output_format::json) ==
        "[\n"
        "  {\"window\": \"2024-01\", \"customers\": 5, \"complete\": true},\n"
        "  {\"window\": \"2024-02\", \"customers\": 3, \"complete\": false}\n"
        "]\n");
  t.rows.pop_back();  // every window whole: no mark, no footnote
  CHECK(render_windows(t, output_format::table, "partial") == render(t, output_format::table));
}

TEST_CASE("--columns chooses and orders columns, and shows them in every format", "[format]") {
  const table t = chosen_table(sample(), "purchase_frequency,start,window");
  CHECK(render(t, output_format::table) ==
        "purchase frequency  start       window\n"
        "            1.5000  2024-01-01  2024-01\n"
        "                 -  2024-02-01  say \"hi\", ok\n");
  CHECK(render(chosen_table(sample(), ""), output_format::csv) ==
        render(sample(), output_format::csv));
  CHECK_THROWS_WITH(chosen_table(sample(), "window,revenu"),
                    "--columns: \"revenu\" is not a column of this report: window, start, "
                    "customers, revenue, repeat_rate, purchase_frequency");
  CHECK_THROWS_WITH(chosen_table(sample(), "revenue,customers,revenue"),
                    "--columns: \"revenue\" is given twice");
  CHECK_THROWS_WITH(chosen_table(sample(), "window,"),
                    "--columns: \"\" is not a column of this report: window, start, "
                    "customers, revenue, repeat_rate, purchase_frequency");
}

TEST_CASE("One row lists every column as label and value", "[format]") {
  table t = sample();
  t.columns[2].label = "Customers";  // the others fall back to the title, else the name in words
  t.columns[3].title = "sales";
  CHECK(render_row(t, 0) ==
        "window                   2024-01\n"
        "start                 2024-01-01\n"
        "Customers                  1,234\n"
        "sales               1,234,567.89\n"
        "repeat rate               12.50%\n"
        "purchase frequency        1.5000\n");
  CHECK(render_row(t, 1) ==
        "window              say \"hi\", ok\n"
        "start                 2024-02-01\n"
        "Customers                      0\n"
        "sales                      -0.05\n"
        "repeat rate                    -\n"
        "purchase frequency             -\n");
}

TEST_CASE("The summary names every reason and the first bad rows", "[format]") {
  load_report report;
  report.columns = {"a.csv: customer=\"c\""};
  report.rows = 14;
  report.orders = 10;
  report.customers = 4;
  report.left_out = {{"with status \"cancelled\"", 2}};
  report.bad_rows = 12;
  report.bad_row_messages = {"a.csv:3: date \"x\" is not a date"};
  CHECK(render_summary(report) ==
        "retain: a.csv: customer=\"c\"\n"
        "retain: read 14 rows: 10 orders from 4 customers counted\n"
        "retain: left out 2 orders with status \"cancelled\"\n"
        "retain: skipped 12 bad rows:\n"
        "retain:   a.csv:3: date \"x\" is not a date\n"
        "retain:   ... and 11 more\n");
}

TEST_CASE("The heat map shades chosen columns in five steps from the smallest value", "[format]") {
  table t;
  t.columns = {{"cohort", column_kind::text}, {"n", column_kind::count}, {"p1", column_kind::rate}};
  for (std::int64_t units : {0, 2500, 5000, 7999, 10000}) {
    t.rows.push_back({std::string("c"), std::int64_t{7}, decimal{units, 4}});
  }
  t.rows.push_back({std::string("c"), std::int64_t{7}, value()});
  CHECK(render_heat_map(t, {2}) ==
        "cohort  n       p1\n"
        "c       7  \x1b[30;48;5;194m  0.00%\x1b[0m\n"
        "c       7  \x1b[30;48;5;157m 25.00%\x1b[0m\n"
        "c       7  \x1b[30;48;5;114m 50.00%\x1b[0m\n"
        "c       7  \x1b[97;48;5;71m 79.99%\x1b[0m\n"
        "c       7  \x1b[97;48;5;28m100.00%\x1b[0m\n"
        "c       7        -\n");
}

TEST_CASE("A heat map of equal values uses the middle shade; no columns, no colour", "[format]") {
  table t;
  t.columns = {{"cohort", column_kind::text}, {"orders", column_kind::count}};
  t.rows.push_back({std::string("a"), std::int64_t{3}});
  t.rows.push_back({std::string("b"), std::int64_t{3}});
  CHECK(render_heat_map(t, {1}) ==
        "cohort  orders\n"
        "a       \x1b[30;48;5;114m     3\x1b[0m\n"
        "b       \x1b[30;48;5;114m     3\x1b[0m\n");
  CHECK(render_heat_map(sample(), {}) == render(sample(), output_format::table));
}

TEST_CASE("Groups join into one table with a first column \"group\"", "[format][groups]") {
  table one = sample();
  one.rows.resize(1);
  const std::vector<group_table> groups = {{"DE", one}, {"", one}};
  CHECK(render(join_groups(groups), output_format::csv) ==
        "group,window,start,customers,revenue,repeat_rate,purchase_frequency\n"
        "DE,2024-01,2024-01-01,1234,1234567.89,0.1250,1.5000\n"
        ",2024-01,2024-01-01,1234,1234567.89,0.1250,1.5000\n");
  CHECK(render(join_groups({}), output_format::csv) == "group\n");
}

TEST_CASE("Groups read as blocks under a heading each", "[format][groups]") {
  table one = sample();
  one.rows.resize(1);
  const std::vector<group_table> groups = {{"DE", one}, {"", one}};
  auto draw = [](const table& t) { return std::to_string(t.rows.size()) + " row\n"; };
  CHECK(render_blocks(groups, "country", output_format::table, draw) ==
        "country: DE\n\n1 row\n\ncountry: (blank)\n\n1 row\n\n");
  CHECK(render_blocks(groups, "country", output_format::markdown, draw) ==
        "### country: DE\n\n1 row\n\n### country: (blank)\n\n1 row\n\n");
}

namespace {
// Customer ids as a file can hold them: an escape sequence, a newline inside a quoted field (as
// the input stage passes it on: kQuotedNewline), the Markdown separator, CJK, a combining
// accent, an emoji, invalid UTF-8, C0 controls and DEL.
table hostile_ids() {
  table t;
  t.columns = {{"customer", column_kind::text}, {"orders", column_kind::count}};
  for (const char* id : {"\x1b[31mred", "two\x1elines", "a|b\\c", "\xe9\xa1\xa7\xe5\xae\xa2",
                         "e\xcc\x81", "\xf0\x9f\x98\x80", "x\xff\xfey", "\x01\x7f"}) {
    t.rows.push_back({std::string(id), std::int64_t{1}});
  }
  return t;
}
}  // namespace

TEST_CASE("CSV keeps the bytes, quotes line breaks and writes a quoted newline as a newline",
          "[format][escaping]") {
  CHECK(render(hostile_ids(), output_format::csv) ==
        "customer,orders\n"
        "\x1b[31mred,1\n"
        "\"two\nlines\",1\n"
        "a|b\\c,1\n"
        "\xe9\xa1\xa7\xe5\xae\xa2,1\n"
        "e\xcc\x81,1\n"
        "\xf0\x9f\x98\x80,1\n"
        "x\xff\xfey,1\n"
        "\x01\x7f,1\n");
}

TEST_CASE("TSV writes tabs and line breaks in text as spaces, other bytes as they are",
          "[format][escaping]") {
  table t = hostile_ids();
  t.rows.push_back({std::string("tab\there\r\nend"), std::int64_t{2}});
  const std::string out = render(t, output_format::tsv);
  CHECK(out.find("two lines\t1\n") != std::string::npos);
  CHECK(out.find("\x1b[31mred\t1\n") != std::string::npos);
  CHECK(out.find("tab here  end\t2\n") != std::string::npos);
}

TEST_CASE("JSON is valid UTF-8 whatever the bytes, with every control character escaped",
          "[format][escaping]") {
  CHECK(render(hostile_ids(), output_format::json) ==
        "[\n"
        "  {\"customer\": \"\\u001b[31mred\", \"orders\": 1},\n"
        "  {\"customer\": \"two\\nlines\", \"orders\": 1},\n"
        "  {\"customer\": \"a|b\\\\c\", \"orders\": 1},\n"
        "  {\"customer\": \"\xe9\xa1\xa7\xe5\xae\xa2\", \"orders\": 1},\n"
        "  {\"customer\": \"e\xcc\x81\", \"orders\": 1},\n"
        "  {\"customer\": \"\xf0\x9f\x98\x80\", \"orders\": 1},\n"
        "  {\"customer\": \"x\xef\xbf\xbd\xef\xbf\xbdy\", \"orders\": 1},\n"
        "  {\"customer\": \"\\u0001\\u007f\", \"orders\": 1}\n"
        "]\n");
  CHECK(escape("\xc2\x9b", output_format::json) == "\"\\u009b\"");  // C1 control
}

TEST_CASE("The terminal table shows controls as symbols and pads to display cells",
          "[format][escaping]") {
  // ␛ ␤ ␁ ␡ and U+FFFD are one cell each; 顧客 and 😀 are two a character; e + U+0301 is one.
  CHECK(render(hostile_ids(), output_format::table) ==
        "customer   orders\n"
        "\xe2\x90\x9b[31mred        1\n"
        "two\xe2\x90\xa4lines       1\n"
        "a|b\\c           1\n"
        "\xe9\xa1\xa7\xe5\xae\xa2            1\n"
        "e\xcc\x81               1\n"
        "\xf0\x9f\x98\x80              1\n"
        "x\xef\xbf\xbd\xef\xbf\xbdy            1\n"
        "\xe2\x90\x81\xe2\x90\xa1              1\n");
}

TEST_CASE("Markdown escapes pipes and backslashes and breaks lines with <br>",
          "[format][escaping]") {
  CHECK(render(hostile_ids(), output_format::markdown) ==
        "| customer     | orders |\n"
        "|--------------|-------:|\n"
        "| \xe2\x90\x9b[31mred     |      1 |\n"
        "| two<br>lines |      1 |\n"
        "| a\\|b\\\\c      |      1 |\n"
        "| \xe9\xa1\xa7\xe5\xae\xa2         |      1 |\n"
        "| e\xcc\x81            |      1 |\n"
        "| \xf0\x9f\x98\x80           |      1 |\n"
        "| x\xef\xbf\xbd\xef\xbf\xbdy         |      1 |\n"
        "| \xe2\x90\x81\xe2\x90\xa1           |      1 |\n");
}

TEST_CASE("Group headings are escaped for the format", "[format][groups][escaping]") {
  table one = sample();
  one.rows.resize(1);
  const std::vector<group_table> groups = {{"a|b\x1e\x1b[2J", one}};
  auto draw = [](const table&) { return std::string(); };
  CHECK(render_blocks(groups, "shop", output_format::table, draw) ==
        "shop: a|b\xe2\x90\xa4\xe2\x90\x9b[2J\n\n\n");
  CHECK(render_blocks(groups, "shop", output_format::markdown, draw) ==
        "### shop: a\\|b<br>\xe2\x90\x9b[2J\n\n\n");
}
