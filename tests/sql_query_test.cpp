#include "retain/sql_query.h"

#include <catch2/catch.hpp>

#include <string>

#include "retain/error.h"
#include "retain/sql_statuses.h"

namespace retain {
namespace {

// A request for a table with the usual columns: customer_id, order_date, total.
sql_request request_for(sql_report report, sql_dialect dialect) {
  sql_request request;
  request.report = report;
  request.dialect = dialect;
  request.table = "shop.orders";
  request.command_line = "retain sql test";
  request.policy.columns[static_cast<std::size_t>(role::customer)] = "customer_id";
  request.policy.columns[static_cast<std::size_t>(role::date)] = "order_date";
  request.policy.columns[static_cast<std::size_t>(role::amount)] = "total";
  return request;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("The CTEs of a query come in the order of the pipeline, under the options comment",
          "[sql]") {
  const std::string q = sql_query(request_for(sql_report::metrics, sql_dialect::duckdb));
  REQUIRE(q.rfind("-- retain sql test\n", 0) == 0);
  const std::size_t source = q.find("\nsource_rows AS (");
  const std::size_t orders = q.find("\ncounted_orders AS (");
  const std::size_t customer_windows = q.find("\ncustomer_windows AS (");
  const std::size_t windows = q.find("\nwindows AS (");
  const std::size_t output = q.find("\n-- Output: the columns of retain metrics --format csv.\nSELECT ");
  REQUIRE(source != std::string::npos);
  REQUIRE(source < orders);
  REQUIRE(orders < customer_windows);
  REQUIRE(customer_windows < windows);
  REQUIRE(windows < output);
  REQUIRE(has(q, "FROM shop.orders\n"));
  REQUIRE(q.substr(q.size() - 12) == "ORDER BY n;\n");  // one statement, ended for any shell
}

TEST_CASE("Each dialect writes dates, integer division and text in its own functions", "[sql]") {
  sql_request request = request_for(sql_report::metrics, sql_dialect::clickhouse);
  request.windows.kind = window_kind::quarter;
  const std::string clickhouse = sql_query(request);
  CHECK(has(clickhouse, "(toYear(order_day) * 4 + intDiv(toMonth(order_day) - 1, 3)) AS w"));
  CHECK(has(clickhouse, "SETTINGS join_use_nulls = 1"));
  request.dialect = sql_dialect::mysql;
  const std::string mysql = sql_query(request);
  CHECK(has(mysql, "(YEAR(order_day) * 4 + ((MONTH(order_day) - 1) DIV (3))) AS w"));
  CHECK(has(mysql, "CAST((customers) AS CHAR) END AS `customers`"));
  request.dialect = sql_dialect::postgres;
  CHECK(has(sql_query(request), "CAST(EXTRACT(YEAR FROM order_day) AS INTEGER) * 4 + div("));
}

TEST_CASE("An order total is taken once, and rows giving two totals leave the order out", "[sql]") {
  sql_request request = request_for(sql_report::metrics, sql_dialect::duckdb);
  request.policy.columns[static_cast<std::size_t>(role::order)] = "order_id";
  request.policy.amount = amount_kind::order_total;
  const std::string q = sql_query(request);
  CHECK(has(q, "MIN(src_cents) AS cents"));
  CHECK(has(q, "GROUP BY src_order"));
  CHECK(has(q, "AND MIN(src_cents) = MAX(src_cents)  -- one order total on all its rows"));
  request.policy.amount = amount_kind::line;
  CHECK(has(sql_query(request), "SUM(src_cents) AS cents"));
}

TEST_CASE("--include-status counts only its statuses instead of the vocabulary's", "[sql]") {
  sql_request request = request_for(sql_report::metrics, sql_dialect::duckdb);
  request.policy.columns[static_cast<std::size_t>(role::status)] = "status";
  CHECK(has(sql_query(request), "'cancelled', 'canceled'"));
  request.policy.include_statuses = {"paid", "shipped"};
  const std::string q = sql_query(request);
  CHECK(has(q, "src_status IN ('paid', 'shipped')"));
  CHECK_FALSE(has(q, "'cancelled'"));
}

TEST_CASE("--status-values maps each raw status to retain's verdict, matched byte for byte", "[sql]") {
  sql_request request = request_for(sql_report::metrics, sql_dialect::mysql);
  request.policy.columns[static_cast<std::size_t>(role::status)] = "status";
  request.policy.net = true;
  request.policy.status_values =
      judge_status_values({"Canceled by customer", "Refunded", "Completed", "Refund failed"}, {}, {});
  const std::string q = sql_query(request);
  CHECK(has(q, "CASE\n"
               "           WHEN CAST(COALESCE(`status`, '') AS BINARY) IN ('Canceled by customer') THEN 'left out'\n"
               "           WHEN CAST(COALESCE(`status`, '') AS BINARY) IN ('Refunded') THEN 'refunded'\n"
               "           WHEN CAST(COALESCE(`status`, '') AS BINARY) IN ('Completed', '') THEN 'counted'\n"
               "           WHEN CAST(COALESCE(`status`, '') AS BINARY) IN ('Refund failed') THEN 'unknown'\n"
               "           ELSE 'unknown' END AS src_status"));
  CHECK(has(q, "AND NOT (src_status = 'left out')  -- not a purchase"));
  CHECK(has(q, "AND NOT ((src_status = 'refunded') AND src_cents > 0)  -- --net: refunded in full"));
  CHECK(has(q, "-- gives it; a status not listed there is counted, as a status retain does not know.\n"));
  CHECK_FALSE(has(q, "'cancelled'"));  // the vocabulary is not in the query: retain judged
  CHECK_FALSE(has(q, "lower("));
  CHECK_FALSE(has(q, "as whole values only"));
}

TEST_CASE("With --status-values and --include-status an unlisted status is left out", "[sql]") {
  sql_request request = request_for(sql_report::metrics, sql_dialect::duckdb);
  request.policy.columns[static_cast<std::size_t>(role::status)] = "status";
  request.policy.include_statuses = {"paid"};
  request.policy.status_values = judge_status_values({"Paid", "Shipped"}, request.policy.include_statuses, {});
  const std::string q = sql_query(request);
  CHECK(has(q, "WHEN COALESCE(\"status\", '') IN ('Shipped', '') THEN 'left out'\n"
               "           WHEN COALESCE(\"status\", '') IN ('Paid') THEN 'counted'\n"
               "           ELSE 'left out' END AS src_status"));
  CHECK(has(q, "AND src_status <> 'left out'  -- --include-status"));
  CHECK(has(q, "-- gives it; a status not listed there is left out (--include-status).\n"));
}

TEST_CASE("Without --status-values the query says that statuses are matched as whole values", "[sql]") {
  sql_request request = request_for(sql_report::metrics, sql_dialect::duckdb);
  CHECK_FALSE(has(sql_query(request), "Statuses"));
  request.policy.columns[static_cast<std::size_t>(role::status)] = "status";
  CHECK(has(sql_query(request),
            "\n-- Statuses are matched as whole values only: phrases such as \"Canceled by customer\" count as\n"
            "-- purchases. Run SELECT DISTINCT on the status column and pass it with --status-values.\nWITH\n"));
}

TEST_CASE("A quote in a column name or a status is doubled", "[sql]") {
  sql_request request = request_for(sql_report::metrics, sql_dialect::postgres);
  request.policy.columns[static_cast<std::size_t>(role::customer)] = "the \"id\"";
  request.policy.columns[static_cast<std::size_t>(role::status)] = "status";
  request.policy.exclude_statuses = {"won't pay"};
  const std::string q = sql_query(request);
  CHECK(has(q, "\"the \"\"id\"\"\""));
  CHECK(has(q, "'won''t pay'"));
}

TEST_CASE("Sorting customers by a ratio is refused, naming the key", "[sql]") {
  sql_request request = request_for(sql_report::customers, sql_dialect::duckdb);
  request.listing.sort = sort_key::monetary_value;
  REQUIRE_THROWS_WITH(sql_query(request),
                      "retain sql cannot sort by monetary_value: it is a ratio, which retain compares "
                      "exactly; sort by revenue, orders or another column");
  request.listing.sort = sort_key::segment;
  CHECK(has(sql_query(request), "ORDER BY segment_rank ASC, customer ASC"));
  request.listing.reverse = true;
  request.listing.top = 5;
  CHECK(has(sql_query(request), "ORDER BY segment_rank DESC, customer ASC\nLIMIT 5;\n"));
}

}  // namespace retain

namespace retain {

TEST_CASE("--group-by puts the group first and analyses each group over the same windows", "[sql]") {
  sql_request request = request_for(sql_report::metrics, sql_dialect::duckdb);
  request.policy.columns[static_cast<std::size_t>(role::order)] = "order_id";
  request.policy.columns[static_cast<std::size_t>(role::group)] = "country";
  const std::string q = sql_query(request);
  CHECK(has(q, "NULLIF(CAST(\"country\" AS VARCHAR), '') AS src_group"));
  CHECK(has(q, "AND COALESCE(MIN(src_group), '') = COALESCE(MAX(src_group), '')  -- one --group-by value"));
  CHECK(has(q, "MIN(order_day) OVER (PARTITION BY grp, customer) AS customer_first_day"));
  CHECK(has(q, "FROM series CROSS JOIN bounds CROSS JOIN group_values LEFT JOIN window_totals t ON t.w = n "
               "AND t.grp = group_value"));
  CHECK(has(q, "SELECT NULLIF(group_value, '') AS \"group\",\n       label AS \"window\""));
  CHECK(has(q, "ORDER BY group_value, n;\n"));
}

}  // namespace retain
