#!/usr/bin/env node
// Reference implementation of `retain metrics FILE --window month --format csv --quiet` in
// DuckDB SQL, for bench/run.sh: same numbers, same bytes on stdout.
//
//   node bench/duckdb_metrics.mjs FILE
//   node bench/duckdb_metrics.mjs --version    (prints the DuckDB and @duckdb/node-api versions)
//
// Needs @duckdb/node-api, which bench/run.sh installs under bench/work/node (override the
// folder with DUCKDB_NODE_DIR). It is not a dependency of the project.
//
// Definitions (the subset of retain's rules that the generated benchmark data exercises):
//   * rows sharing order_id are one order: amount = sum of totals, day = earliest day;
//   * an order is left out when any of its rows has a status (lowercased) in cancelled,
//     canceled, voided, void, failed, or when it has no customer id; its customer is the
//     customer_id of its rows (retain also drops an order whose rows name different customers;
//     the generated data has none, so this query does not pay for that check);
//   * day = first 10 characters of order_date (the date as written, no time zone conversion);
//   * one row per calendar month from the first counted order's month to the last's, empty months
//     as zeros; start/end clipped to the first/last order day;
//   * money is exact (DECIMAL sums, then integer cents); ratios are rounded half away from zero
//     from the exact integers; a ratio over zero is an empty field;
//   * retained_customers counts the customers with orders in the month and in the month before;
//     retention_rate = retained / the month before's customers, churn_rate = 1 - the rounded
//     retention_rate; all three are empty for the first month, and for the last month when it
//     is partial;
//   * complete = the month lies whole within the first to the last order day (partial: false).
// How: one GROUP BY order_id, then one window over each customer's orders sorted by month: an
// order whose previous order (lag) is of another month is the customer's first of its month (a
// customer of that month), new when there is no previous order and retained when the previous
// order is of the month before; a first of its month whose next order (lead) is of the same month
// is a repeat customer. One GROUP BY month adds these up. This was the fastest of the
// formulations tried (bench/README.md lists them with their times).
// DuckDB runs with its default thread count (all cores) and preserve_insertion_order = false
// (the final ORDER BY decides the order; it lowers the peak memory).

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HEADER =
  'window,start,end,customers,orders,revenue,repeat_customers,repeat_rate,' +
  'purchase_frequency,aov,customer_value,new_customers,returning_customers,' +
  'retained_customers,retention_rate,churn_rate,complete';

// The folder that npm installed @duckdb/node-api into (it has no package.json in the repo, so
// a plain import would not find it).
const NODE_DIR = path.resolve(process.env.DUCKDB_NODE_DIR ||
                              path.join(path.dirname(fileURLToPath(import.meta.url)), 'work', 'node'));
const requireFromNodeDir = createRequire(path.join(NODE_DIR, 'package.json'));

async function loadDuckDB() {
  let resolved;
  try {
    resolved = requireFromNodeDir.resolve('@duckdb/node-api');
  } catch {
    console.error(`duckdb_metrics: @duckdb/node-api not found under ${NODE_DIR}; install it with\n` +
                  `  npm install --prefix ${NODE_DIR} @duckdb/node-api`);
    process.exit(2);
  }
  return import(pathToFileURL(resolved).href);
}

function apiVersion() {
  try {
    return requireFromNodeDir('@duckdb/node-api/package.json').version;
  } catch {
    return 'unknown';
  }
}

function sqlString(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

// Every value is computed in SQL as text, so JS never touches a number.
function metricsSql(file) {
  return `
WITH rows AS (
  SELECT * FROM read_csv(${sqlString(file)},
    header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    columns = {'order_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'order_date': 'VARCHAR',
               'total': 'DECIMAL(18,2)', 'currency': 'VARCHAR', 'status': 'VARCHAR'})
),
orders AS (               -- one row per counted order
  SELECT min(customer_id) AS customer, min(left(order_date, 10)) AS day, sum(total) AS amount
  FROM rows
  GROUP BY order_id
  HAVING count_if(lower(status) IN ('cancelled', 'canceled', 'voided', 'void', 'failed')) = 0
     AND min(customer_id) IS NOT NULL
),
ordered AS (              -- each order with the months of its customer's orders before and after
  SELECT month, amount,
         lag(month) OVER customer_orders AS previous_month,
         lead(month) OVER customer_orders AS next_month
  FROM (SELECT customer, amount,
               day[1:4]::INTEGER * 12 + day[6:7]::INTEGER - 1 AS month  -- consecutive integers
        FROM orders)
  WINDOW customer_orders AS (PARTITION BY customer ORDER BY month)
),
months AS (               -- orders of one customer and month are adjacent, in any order
  SELECT month,
         count_if(previous_month IS DISTINCT FROM month)::HUGEINT AS customers,
         count(*)::HUGEINT AS orders,
         (sum(amount) * 100)::HUGEINT AS cents,
         count_if(previous_month IS DISTINCT FROM month AND next_month = month)::HUGEINT
           AS repeat_customers,
         count_if(previous_month IS NULL)::HUGEINT AS new_customers,
         count_if(previous_month = month - 1)::HUGEINT AS retained_customers
  FROM ordered
  GROUP BY month
),
bounds AS (
  SELECT min(day)::DATE AS first_day, max(day)::DATE AS last_day FROM orders
),
series AS (
  SELECT m::DATE AS month_start, first_day, last_day
  FROM bounds,
       generate_series(date_trunc('month', first_day)::TIMESTAMP,
                       date_trunc('month', last_day)::TIMESTAMP, INTERVAL 1 MONTH) AS t(m)
),
filled AS (
  SELECT strftime(s.month_start, '%Y-%m') AS label,
         greatest(s.month_start, s.first_day) AS start_day,
         least(last_day(s.month_start), s.last_day) AS end_day,
         coalesce(m.customers, 0) AS customers,
         coalesce(m.orders, 0) AS orders,
         coalesce(m.cents, 0) AS cents,
         coalesce(m.repeat_customers, 0) AS repeat_customers,
         coalesce(m.new_customers, 0) AS new_customers,
         coalesce(m.retained_customers, 0) AS retained_customers,
         -- NULL for the first month, which has no month before
         lag(coalesce(m.customers, 0)) OVER (ORDER BY s.month_start) AS previous_customers,
         s.month_start >= s.first_day AND last_day(s.month_start) <= s.last_day AS complete,
         s.month_start = max(s.month_start) OVER () AS last_month
  FROM series s
  LEFT JOIN months m ON m.month = year(s.month_start) * 12 + month(s.month_start) - 1
)
SELECT label || ',' || strftime(start_day, '%Y-%m-%d') || ',' || strftime(end_day, '%Y-%m-%d')
       || ',' || customers::VARCHAR
       || ',' || orders::VARCHAR
       || ',' || fixed(cents, 2)
       || ',' || repeat_customers::VARCHAR
       || ',' || coalesce(fixed(ratio(repeat_customers, customers, 4), 4), '')
       || ',' || coalesce(fixed(ratio(orders, customers, 4), 4), '')
       || ',' || coalesce(fixed(ratio(cents, orders, 0), 2), '')
       || ',' || coalesce(fixed(ratio(cents, customers, 0), 2), '')
       || ',' || new_customers::VARCHAR
       || ',' || (customers - new_customers)::VARCHAR
       || ',' || CASE WHEN previous_customers IS NULL THEN '' ELSE retained_customers::VARCHAR END
       || ',' || coalesce(fixed(ratio(retained_customers, previous_customers, 4), 4), '')
       || ',' || coalesce(fixed(pow10(4) - ratio(retained_customers, previous_customers, 4), 4), '')
       || ',' || CASE WHEN complete THEN 'true' ELSE 'false' END
         AS line
FROM (SELECT * REPLACE (   -- a partial last month has no previous month to compare with
        CASE WHEN last_month AND NOT complete THEN NULL ELSE previous_customers END
          AS previous_customers)
      FROM filled)
ORDER BY start_day`;
}

// Macros: exact integer rounding and fixed-point text.
//   pow10(k)       = 10^k as an integer (no floating point anywhere);
//   ratio(a, b, k) = round_half_away_from_zero(a * 10^k / b) as an integer, NULL when b = 0
//                    or b is NULL;
//   fixed(q, k)    = the integer q as text with k decimals (q / 10^k).
const MACROS = `
CREATE MACRO pow10(k) AS ('1' || repeat('0', k))::HUGEINT;
CREATE MACRO ratio(a, b, k) AS
  CASE WHEN b = 0 THEN NULL
       ELSE sign(a) * sign(b)
            * ((2 * abs(a::HUGEINT) * pow10(k) + abs(b::HUGEINT))
               // (2 * abs(b::HUGEINT)))
  END;
CREATE MACRO fixed(q, k) AS
  CASE WHEN q IS NULL THEN NULL
       ELSE (CASE WHEN q < 0 THEN '-' ELSE '' END)
            || (abs(q::HUGEINT) // pow10(k))::VARCHAR
            || CASE WHEN k = 0 THEN ''
                    ELSE '.' || lpad((abs(q::HUGEINT) % pow10(k))::VARCHAR,
                                     k, '0') END
  END;`;

async function main() {
  const args = process.argv.slice(2);
  const version = args.length === 1 && args[0] === '--version';
  if (args.length !== 1 || (args[0].startsWith('-') && !version)) {
    console.error('usage: node bench/duckdb_metrics.mjs FILE | --version');
    process.exit(2);
  }
  const { DuckDBInstance } = await loadDuckDB();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  if (version) {
    const reader = await connection.runAndReadAll(
      "SELECT version() || ' (' || source_id || ')' FROM pragma_version()");
    process.stdout.write(`DuckDB ${reader.getRows()[0][0]}, @duckdb/node-api ${apiVersion()}\n`);
    return;
  }
  await connection.run('SET preserve_insertion_order = false');
  await connection.run(MACROS);
  const reader = await connection.runAndReadAll(metricsSql(path.resolve(args[0])));
  const lines = reader.getRows().map((row) => row[0]);
  process.stdout.write(HEADER + '\n' + (lines.length ? lines.join('\n') + '\n' : ''));
  connection.closeSync?.();
  instance.closeSync?.();
}

main().catch((error) => {
  console.error(`duckdb_metrics: ${error?.message ?? error}`);
  process.exit(1);
});
