#include "retain/sql_dialect.h"

namespace retain {
namespace {

// The series for the engines without a series function that takes a column: lo plus a number of
// five digits, so at most 100,000 windows (day windows over 273 years). Not a recursive CTE:
// MariaDB stops one after max_recursive_iterations (1,000) without an error, MySQL and Snowflake
// fail after 1,000 and 100 steps.
constexpr const char* kDigitsSeries =
    "SELECT lo + d0.d + 10 * d1.d + 100 * d2.d + 1000 * d3.d + 10000 * d4.d AS n\n"
    "  FROM bounds,\n"
    "       (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4\n"
    "        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8\n"
    "        UNION ALL SELECT 9) AS d0,\n"
    "       (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4\n"
    "        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8\n"
    "        UNION ALL SELECT 9) AS d1,\n"
    "       (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4\n"
    "        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8\n"
    "        UNION ALL SELECT 9) AS d2,\n"
    "       (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4\n"
    "        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8\n"
    "        UNION ALL SELECT 9) AS d3,\n"
    "       (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4\n"
    "        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8\n"
    "        UNION ALL SELECT 9) AS d4\n"
    "  WHERE lo + d0.d + 10 * d1.d + 100 * d2.d + 1000 * d3.d + 10000 * d4.d <= hi";

constexpr dialect_rules kDuckdb = {
    "CAST({} AS DATE)",
    "DATE '{}'",
    "date_diff('day', DATE '1900-01-01', {})",
    "CAST(DATE '1900-01-01' + to_days(CAST({} AS INTEGER)) AS DATE)",
    "CAST(DATE '1900-01-01' + to_months(CAST({} AS INTEGER)) AS DATE)",
    "year({})",
    "month({})",
    "(({0}) // ({1}))",
    "(({0}) % ({1}))",
    "CAST({} AS BIGINT)",
    "CAST({} AS VARCHAR)",
    "strftime({}, '%Y-%m-%d')",
    "lower({})",
    "regexp_replace({}, '[-_ ]+', ' ', 'g')",
    "lag({0}) OVER ({1})",
    "{}",
    "{}",
    "SELECT unnest(range(lo, hi + 1)) AS n FROM bounds",
    "",
    '"',
    '"',
    "DuckDB",
    false};

// ClickHouse (and chDB): Date32 reaches back to 1900; lagInFrame of a Nullable value gives NULL
// before the first row, as LAG does elsewhere, over the whole partition as its frame.
constexpr dialect_rules kClickhouse = {
    "toDate32({})",
    "toDate32('{}')",
    "dateDiff('day', toDate32('1900-01-01'), {})",
    "addDays(toDate32('1900-01-01'), {})",
    "addMonths(toDate32('1900-01-01'), {})",
    "toYear({})",
    "toMonth({})",
    "intDiv({0}, {1})",
    "modulo({0}, {1})",
    "toInt64({})",
    "toString({})",
    "toString({})",
    "lower({})",
    "replaceRegexpAll({}, '[-_ ]+', ' ')",
    "lagInFrame(toNullable({0})) OVER ({1} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED "
    "FOLLOWING)",
    "{}",
    "{}",
    "SELECT arrayJoin(range(lo, hi + 1)) AS n FROM bounds",
    "SETTINGS join_use_nulls = 1",
    '"',
    '"',
    "ClickHouse (also chDB)",
    true};

// PostgreSQL: div() and mod() are exact on numeric sums; ids in byte order need COLLATE "C".
constexpr dialect_rules kPostgres = {
    "CAST({} AS DATE)",
    "DATE '{}'",
    "(({}) - DATE '1900-01-01')",
    "(DATE '1900-01-01' + CAST({} AS INTEGER))",
    "CAST(DATE '1900-01-01' + make_interval(months => CAST({} AS INTEGER)) AS DATE)",
    "CAST(EXTRACT(YEAR FROM {}) AS INTEGER)",
    "CAST(EXTRACT(MONTH FROM {}) AS INTEGER)",
    "div({0}, {1})",
    "mod({0}, {1})",
    "CAST({} AS BIGINT)",
    "CAST({} AS TEXT)",
    "to_char({}, 'YYYY-MM-DD')",
    "lower({})",
    "regexp_replace({}, '[-_ ]+', ' ', 'g')",
    "lag({0}) OVER ({1})",
    "({} COLLATE \"C\")",
    "{}",
    "SELECT generate_series(lo, hi) AS n FROM bounds",
    "",
    '"',
    '"',
    "PostgreSQL",
    false};

// MySQL 8 and MariaDB: ids as binary strings, so that case and trailing spaces count as in
// retain (the default collations ignore both).
constexpr dialect_rules kMysql = {
    "CAST({} AS DATE)",
    "DATE '{}'",
    "DATEDIFF({}, DATE '1900-01-01')",
    "(DATE '1900-01-01' + INTERVAL ({}) DAY)",
    "(DATE '1900-01-01' + INTERVAL ({}) MONTH)",
    "YEAR({})",
    "MONTH({})",
    "(({0}) DIV ({1}))",
    "MOD({0}, {1})",
    "CAST({} AS SIGNED)",
    "CAST({} AS CHAR)",
    "DATE_FORMAT({}, '%Y-%m-%d')",
    "LOWER({})",
    "REGEXP_REPLACE({}, '[-_ ]+', ' ')",
    "LAG({0}) OVER ({1})",
    "CAST({} AS BINARY)",
    "CONVERT({} USING utf8mb4)",
    kDigitsSeries,
    "",
    '`',
    '`',
    "MySQL 8 and MariaDB",
    true};

constexpr dialect_rules kBigquery = {
    "CAST({} AS DATE)",
    "DATE '{}'",
    "DATE_DIFF({}, DATE '1900-01-01', DAY)",
    "DATE_ADD(DATE '1900-01-01', INTERVAL {} DAY)",
    "DATE_ADD(DATE '1900-01-01', INTERVAL {} MONTH)",
    "EXTRACT(YEAR FROM {})",
    "EXTRACT(MONTH FROM {})",
    "DIV({0}, {1})",
    "MOD({0}, {1})",
    "CAST({} AS INT64)",
    "CAST({} AS STRING)",
    "FORMAT_DATE('%Y-%m-%d', {})",
    "LOWER({})",
    "REGEXP_REPLACE({}, '[-_ ]+', ' ')",
    "LAG({0}) OVER ({1})",
    "{}",
    "{}",
    "SELECT n FROM bounds CROSS JOIN UNNEST(GENERATE_ARRAY(lo, hi)) AS n",
    "",
    '`',
    '`',
    "BigQuery",
    true};

// Snowflake has no integer division: the remainder is taken off first, so the quotient is exact.
constexpr dialect_rules kSnowflake = {
    "CAST({} AS DATE)",
    "DATE '{}'",
    "DATEDIFF(day, DATE '1900-01-01', {})",
    "DATEADD(day, {}, DATE '1900-01-01')",
    "DATEADD(month, {}, DATE '1900-01-01')",
    "YEAR({})",
    "MONTH({})",
    "CAST((({0}) - MOD({0}, {1})) / ({1}) AS BIGINT)",
    "MOD({0}, {1})",
    "CAST({} AS BIGINT)",
    "CAST({} AS VARCHAR)",
    "TO_CHAR({}, 'YYYY-MM-DD')",
    "LOWER({})",
    "REGEXP_REPLACE({}, '[-_ ]+', ' ')",
    "LAG({0}) OVER ({1})",
    "{}",
    "{}",
    kDigitsSeries,
    "",
    '"',
    '"',
    "Snowflake",
    true};

// Spark SQL: the remainder is taken off before dividing, so the quotient is exact.
constexpr dialect_rules kSpark = {
    "CAST({} AS DATE)",
    "DATE '{}'",
    "datediff({}, DATE '1900-01-01')",
    "date_add(DATE '1900-01-01', {})",
    "add_months(DATE '1900-01-01', {})",
    "year({})",
    "month({})",
    "CAST((({0}) - MOD({0}, {1})) / ({1}) AS BIGINT)",
    "MOD({0}, {1})",
    "CAST({} AS BIGINT)",
    "CAST({} AS STRING)",
    "date_format({}, 'yyyy-MM-dd')",
    "lower({})",
    "regexp_replace({}, '[-_ ]+', ' ')",
    "lag({0}) OVER ({1})",
    "{}",
    "{}",
    "SELECT explode(sequence(lo, hi)) AS n FROM bounds",
    "",
    '`',
    '`',
    "Spark SQL",
    true};

constexpr dialect_rules kTrino = {
    "CAST({} AS DATE)",
    "DATE '{}'",
    "date_diff('day', DATE '1900-01-01', {})",
    "date_add('day', {}, DATE '1900-01-01')",
    "date_add('month', {}, DATE '1900-01-01')",
    "year({})",
    "month({})",
    "(CAST({0} AS BIGINT) / CAST({1} AS BIGINT))",
    "mod({0}, {1})",
    "CAST({} AS BIGINT)",
    "CAST({} AS VARCHAR)",
    "CAST({} AS VARCHAR)",
    "lower({})",
    "regexp_replace({}, '[-_ ]+', ' ')",
    "lag({0}) OVER ({1})",
    "{}",
    "{}",
    "SELECT n FROM bounds CROSS JOIN UNNEST(sequence(lo, hi)) AS s(n)",
    "",
    '"',
    '"',
    "Trino",
    false};

}  // namespace

const dialect_rules& rules_of(sql_dialect dialect) {
  switch (dialect) {
    case sql_dialect::duckdb:
      return kDuckdb;
    case sql_dialect::clickhouse:
      return kClickhouse;
    case sql_dialect::postgres:
      return kPostgres;
    case sql_dialect::mysql:
      return kMysql;
    case sql_dialect::bigquery:
      return kBigquery;
    case sql_dialect::snowflake:
      return kSnowflake;
    case sql_dialect::spark:
      return kSpark;
    case sql_dialect::trino:
      break;
  }
  return kTrino;
}

}  // namespace retain
