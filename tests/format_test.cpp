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
