#include "retain/sql_writer.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace retain {

TEST_CASE("A ratio is an integer rounded half away from zero, NULL over zero", "[sql]") {
  const sql_writer w(sql_dialect::duckdb);
  // (2 a 10^4 + b) // 2b: 1 of 20,000 is 0.00005, which rounds to 1 (0.0001).
  CHECK(w.ratio("a", "b", 4) ==
        "CASE WHEN (b) = 0 THEN NULL ELSE ((2 * (a) * 10000 + (b)) // (2 * GREATEST(b, 1))) END");
  CHECK(w.ratio("cents", "orders", 0) ==
        "CASE WHEN (orders) = 0 THEN NULL ELSE ((2 * (cents) + (orders)) // (2 * GREATEST(orders, 1))) END");
}

TEST_CASE("Fixed-point text puts the decimals after a point, zero-padded", "[sql]") {
  const sql_writer w(sql_dialect::postgres);
  CHECK(w.fixed("q", 2) == "CASE WHEN (q) IS NULL THEN NULL ELSE CONCAT(CAST(div((q), 100) AS TEXT), '.', "
                           "LPAD(CAST(mod((q), 100) AS TEXT), 2, '0')) END");
}

TEST_CASE("Window numbers are consecutive and ISO weeks count from a Monday", "[sql]") {
  const sql_writer w(sql_dialect::duckdb);
  CHECK(w.window_of(window_kind::month, "d") == "(year(d) * 12 + month(d) - 1)");
  // 1900-01-01, day 0, is a Monday: a week is its day number divided by 7.
  CHECK(w.window_of(window_kind::week, "d") == "((date_diff('day', DATE '1900-01-01', d)) // (7))");
  CHECK(w.window_of(window_kind::all, "d") == "0");
  CHECK(w.window_start(window_kind::week, "n") ==
        "CAST(DATE '1900-01-01' + to_days(CAST(7 * n AS INTEGER)) AS DATE)");
  CHECK(w.window_label(window_kind::quarter, "n") ==
        "CONCAT(LPAD(CAST(((n) // (4)) AS VARCHAR), 4, '0'), '-Q', CAST(((n) % (4)) + 1 AS VARCHAR))");
}

TEST_CASE("Data values double a backslash where the dialect reads it as an escape", "[sql]") {
  const std::vector<std::string> values = {"Void \\ admin", "it's"};
  CHECK(sql_writer(sql_dialect::mysql).data_list(values) == "('Void \\\\ admin', 'it''s')");
  CHECK(sql_writer(sql_dialect::clickhouse).data_list(values) == "('Void \\\\ admin', 'it''s')");
  CHECK(sql_writer(sql_dialect::postgres).data_list(values) == "('Void \\ admin', 'it''s')");
  CHECK(sql_writer(sql_dialect::duckdb).data_list(values) == "('Void \\ admin', 'it''s')");
}

TEST_CASE("Identifiers and literals double their own quotes", "[sql]") {
  CHECK(sql_writer(sql_dialect::mysql).quote("a`b") == "`a``b`");
  CHECK(sql_writer(sql_dialect::trino).quote("T") == "\"T\"");
  CHECK(sql_writer::literal("won't") == "'won''t'");
  CHECK(sql_writer::list({"a", "b"}) == "('a', 'b')");
}

}  // namespace retain
