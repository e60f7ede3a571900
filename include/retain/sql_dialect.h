// The SQL engines that `retain sql` writes queries for, and the small differences between their
// dialects: one table of expression templates per dialect (dates as day numbers, integer
// division, text, window functions, the integer series of the windows), so that one query
// builder (sql_query.h) writes the same pipeline for all of them.
#pragma once

#include <string>
#include <string_view>

#include "retain/names.h"

namespace retain {

enum class sql_dialect { duckdb, clickhouse, postgres, mysql, bigquery, snowflake, spark, trino };
/// The names of --dialect (names.h): mysql is MySQL 8 and MariaDB 10.11.
inline constexpr named<sql_dialect> kSqlDialectNames[] = {
    {"duckdb", sql_dialect::duckdb},       {"clickhouse", sql_dialect::clickhouse},
    {"postgres", sql_dialect::postgres},   {"mysql", sql_dialect::mysql},
    {"bigquery", sql_dialect::bigquery},   {"snowflake", sql_dialect::snowflake},
    {"spark", sql_dialect::spark},         {"trino", sql_dialect::trino}};

/// How one dialect writes each operation the queries need. Each is an fmt template whose `{}`
/// (or `{0}`, `{1}`) are SQL expressions. Dates are DATE values; day numbers count days from
/// 1900-01-01, a Monday, so that ISO weeks are day numbers divided by 7.
struct dialect_rules {
  const char* to_date;         ///< the DATE of a column's value (a DATE, TIMESTAMP or ISO text)
  const char* date_literal;    ///< the DATE of text 'YYYY-MM-DD'
  const char* day_number;      ///< days from 1900-01-01 to the DATE {}
  const char* date_of_day;     ///< the DATE of day number {}
  const char* date_of_month;   ///< the first DATE of month {} counted from 1900-01
  const char* year;            ///< the year of the DATE {}, an integer
  const char* month;           ///< the month 1..12 of the DATE {}
  const char* divide;          ///< {0} / {1} rounded down, both integers >= 0 and {1} > 0
  const char* modulo;          ///< {0} mod {1}, both integers >= 0 and {1} > 0
  const char* to_integer;      ///< {} (an exact number of cents) as a 64-bit integer
  const char* to_text;         ///< an integer as text
  const char* date_text;       ///< a DATE as text YYYY-MM-DD
  const char* lower;           ///< ASCII letters of text {} in lower case
  const char* fold_spaces;     ///< runs of '_', '-' and spaces in {} as one space
  const char* previous;        ///< {0} of the row before in the window {1} (NULL for the first)
  const char* id;              ///< an id compared byte for byte (grouping, equality, order)
  const char* id_text;         ///< an id made by `id` as text again
  const char* series;          ///< a CTE body: n = lo .. hi of the one row of CTE `bounds`
  const char* settings;        ///< what follows the final query ("" for nothing)
  char quote_open;             ///< an identifier's quotes
  char quote_close;
  std::string_view comment;    ///< the engine or engines, for the query's first comment
  /// A backslash in a string literal escapes the next character (MySQL without
  /// NO_BACKSLASH_ESCAPES, ClickHouse, BigQuery, Snowflake, Spark SQL): one is written doubled.
  bool backslash_escapes;
};

const dialect_rules& rules_of(sql_dialect dialect);

}  // namespace retain
