#!/usr/bin/env node
// The monthly metrics of a bench/run.sh orders file as `retain sql metrics --dialect clickhouse`
// writes them, run by chDB (the embedded ClickHouse engine) on the file itself: the same CSV as
// `retain metrics FILE --window month --format csv --quiet`, byte for byte.
//
//   node bench/chdb_metrics.mjs RETAIN FILE
//
// Needs the npm package chdb, which bench/run.sh installs under bench/work/node (override the
// folder with DUCKDB_NODE_DIR, as for DuckDB). The query reads the file with ClickHouse's file()
// as typed columns: dates as DateTime in the session's zone, UTC (the file's times end in Z, so
// their UTC date is the date as written), totals as Decimal(18,2).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_DIR = path.resolve(process.env.DUCKDB_NODE_DIR ||
                              path.join(path.dirname(fileURLToPath(import.meta.url)), 'work', 'node'));
const require = createRequire(path.join(NODE_DIR, 'package.json'));

function csvField(value) {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const [retain, file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/chdb_metrics.mjs RETAIN FILE');
  process.exit(2);
}
const structure = 'order_id String, customer_id String, order_date DateTime, total Decimal(18, 2), ' +
                  'currency String, status String';
const sql = execFileSync(retain, [
  'sql', 'metrics', '--dialect', 'clickhouse',
  '--table', `file('${path.resolve(file)}', 'CSVWithNames', '${structure}')`,
  '--customer', 'customer_id', '--date', 'order_date', '--amount', 'total', '--order', 'order_id',
  '--status', 'status', '--currency-column', 'currency', '--amount-per', 'row', '--window', 'month',
], { encoding: 'utf8' });
const { Session } = require('chdb');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retain-bench-chdb-'));
const session = new Session(dir);
try {
  // The times end in Z: best_effort reads them, and in UTC their date is the one written.
  session.query("SET date_time_input_format = 'best_effort'");
  session.query("SET session_timezone = 'UTC'");
  const result = JSON.parse(session.query(sql, 'JSONCompact'));
  const lines = [result.meta.map((m) => m.name), ...result.data].map((row) => row.map(csvField).join(','));
  process.stdout.write(lines.join('\n') + '\n');
} finally {
  session.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
}
