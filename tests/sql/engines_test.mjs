#!/usr/bin/env node
// Runs the queries of `retain sql` on real engines and compares each result, written as CSV,
// byte for byte with what `retain metrics|cohorts|customers --format csv` prints from the file:
// DuckDB (@duckdb/node-api) and ClickHouse (chDB) embedded, PostgreSQL and MariaDB as servers
// started here in a temporary folder (Unix sockets only) and stopped at the end, even after a
// failure. Then it parses the BigQuery, Snowflake, Spark SQL (node-sql-parser's hive mode: it has
// no Spark mode) and Trino queries of every report and window with node-sql-parser.
//
//   node engines_test.mjs RETAIN SOURCE_DIR DATASETS_DIR WORK_DIR
//
// Each input is loaded once per engine as a typed table (dates as DATE or TIMESTAMP, money as
// DECIMAL(18,2), ids as text); every case then runs against it. An engine whose tools are not
// installed is skipped with a message; so are the datasets when DATASETS_DIR is absent.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const [retain, sourceDir, datasetsDir, workDir] = process.argv.slice(2).map((arg) => path.resolve(arg));
if (process.argv.length !== 6) {
  console.error('usage: node engines_test.mjs RETAIN SOURCE_DIR DATASETS_DIR WORK_DIR');
  process.exit(2);
}
const require = createRequire(path.join(workDir, 'package.json'));
fs.mkdirSync(workDir, { recursive: true });

// ---------------------------------------------------------------------------------------------
// Inputs: a CSV export, the table's typed columns, the flags retain needs, and the cases.

const WINDOWS = ['day', 'week', 'month', 'quarter', 'year', 'all'];

const INPUTS = [
  {
    name: 'orders',
    file: path.join(sourceDir, 'data/orders.csv'),
    columns: [['order_id', 'text'], ['customer_id', 'text'], ['order_date', 'timestamp'],
              ['total', 'money'], ['currency', 'text'], ['status', 'text']],
    flags: ['--amount-per', 'row'],
    cases: [
      ...WINDOWS.map((w) => ['metrics', '--window', w]),
      ['metrics', '--window', 'week', '--from', '2022-02-10', '--to', '2023-05-20', '--partial', 'include'],
      ['metrics', '--net', '--window', 'quarter'],
      ['metrics', '--currency', 'usd', '--window', 'month'],
      ['metrics', '--group-by', 'status', '--window', 'year'],
      ['cohorts'],
      ['cohorts', '--group-by', 'status', '--window', 'quarter', '--metric', 'orders'],
      ['cohorts', '--window', 'week', '--metric', 'customers', '--cumulative'],
      ['cohorts', '--window', 'quarter', '--metric', 'revenue_per_customer', '--to', '2024-05-15'],
      ['cohorts', '--window', 'year', '--metric', 'revenue', '--cumulative', '--from', '2022-03-01'],
      ['customers'],
      ['customers', '--time-unit', 'weeks', '--as-of', '2023-06-30', '--sort', 'frequency'],
    ],
  },
  {
    // WooCommerce with statuses that retain reads word by word ("Canceled by customer", "Payment
    // failed", "Teilweise erstattet", "Remboursée", "Refund failed", one with a comma, one empty):
    // each query gets the table's statuses from the engine itself (SELECT DISTINCT, as CSV)
    // through --status-values.
    name: 'woo_statuses',
    file: path.join(sourceDir, 'tests/cli/inputs/sql/woocommerce_statuses.csv'),
    columns: [['Date', 'timestamp'], ['Order #', 'text'], ['Status', 'text'], ['Billing Email', 'text'],
              ['Net Sales', 'money']],
    flags: [],
    statusColumn: 'Status',
    cases: [
      ['metrics', '--window', 'month'],
      ['metrics', '--net', '--window', 'quarter'],
      ['metrics', '--exclude-status', 'processing', '--window', 'all'],
      ['metrics', '--include-status', 'completed,teilweise erstattet,erstattet', '--net', '--window', 'all'],
      ['cohorts', '--metric', 'orders'],
      ['customers', '--net'],
    ],
  },
  {
    name: 'cdnow',
    file: path.join(datasetsDir, 'cdnow/cdnow_master.csv'),
    dataset: true,
    columns: [['customer_id', 'text'], ['order_date', 'date'], ['quantity', 'integer'],
              ['amount', 'money']],
    flags: [],
    cases: [
      ['metrics', '--window', 'month'],
      ['metrics', '--window', 'week'],
      ['cohorts', '--metric', 'orders'],
      ['customers', '--time-unit', 'weeks', '--as-of', '1997-09-30'],
    ],
  },
  {
    // Shopify: line items on several rows, the total and refunds on the first, statuses,
    // "Cancelled at", dates with a UTC offset.
    name: 'shopify',
    file: path.join(datasetsDir, 'shopify_real_store_pseudonymized/orders_export_1.csv'),
    dataset: true,
    columns: [['Name', 'text'], ['Email', 'text'], ['Financial Status', 'text'], ['Created at', 'timestamp'],
              ['Currency', 'text'], ['Total', 'money'], ['Refunded Amount', 'money'], ['Cancelled at', 'timestamp'],
              ['Billing Country', 'text']],
    flags: [],
    cases: [
      ['metrics', '--window', 'month'],
      ['metrics', '--window', 'week', '--net'],
      ['metrics', '--window', 'quarter', '--group-by', 'Billing Country'],
      ['cohorts', '--metric', 'revenue', '--net'],
      ['cohorts', '--metric', 'customers', '--cumulative', '--group-by', 'Billing Country'],
      ['customers', '--net'],
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// CSV in and out: RFC 4180 as retain writes it (a field with , " CR or LF quoted, LF line ends).

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') { quoted = true; wasQuoted = true; }
    else if (c === ',') { row.push(field === '' && !wasQuoted ? null : field); field = ''; wasQuoted = false; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') ++i;
      row.push(field === '' && !wasQuoted ? null : field);
      rows.push(row);
      row = []; field = ''; wasQuoted = false;
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field === '' && !wasQuoted ? null : field); rows.push(row); }
  return rows;
}

function csvField(value) {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsv(names, rows) {
  return [names, ...rows].map((r) => r.map(csvField).join(',') + '\n').join('');
}

// The columns of the export that the table has, as the file every engine loads: the header,
// then the values with dates as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (the date as written: an
// offset is dropped, never applied).
function loadFile(input) {
  const rows = parseCsv(fs.readFileSync(input.file, 'utf8'));
  const at = input.columns.map(([name]) => rows[0].indexOf(name));
  if (at.includes(-1)) throw new Error(`${input.file}: the header lacks one of ${input.columns.map(([n]) => n)}`);
  const kinds = input.columns.map(([, kind]) => kind);
  const out = rows.slice(1).filter((r) => r.length > 1 || r[0] !== null).map((r) =>
    at.map((column, i) => {
      const v = r[column] ?? null;
      if (v === null) return null;
      if (kinds[i] === 'timestamp') return v.replace('T', ' ').slice(0, 19);
      return v;
    }));
  const file = path.join(workDir, `${input.name}.load.csv`);
  fs.writeFileSync(file, toCsv(input.columns.map(([name]) => name), out));
  return { file, rows: out.length };
}

// ---------------------------------------------------------------------------------------------
// The engines: each loads a table and runs a query to rows of text or null.

const TYPES = {
  duckdb: { text: 'VARCHAR', timestamp: 'TIMESTAMP', date: 'DATE', money: 'DECIMAL(18,2)', integer: 'BIGINT' },
  clickhouse: { text: 'Nullable(String)', timestamp: 'Nullable(DateTime64(0))', date: 'Nullable(Date32)',
                money: 'Nullable(Decimal(18,2))', integer: 'Nullable(Int64)' },
  postgres: { text: 'TEXT', timestamp: 'TIMESTAMP', date: 'DATE', money: 'NUMERIC(18,2)', integer: 'BIGINT' },
  mysql: { text: 'VARCHAR(255)', timestamp: 'DATETIME', date: 'DATE', money: 'DECIMAL(18,2)', integer: 'BIGINT' },
};

function columnList(input, dialect, quote = '"') {
  return input.columns.map(([name, kind]) => `${quote}${name}${quote} ${TYPES[dialect][kind]}`).join(', ');
}

async function duckdbEngine() {
  const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
  // A capped engine: one plan once took 19 GB.
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '2GB', threads: '2',
                                                               temp_directory: path.join(workDir, 'duckdb-tmp') });
  const connection = await instance.connect();
  return {
    dialect: 'duckdb',
    async load(input, file) {
      const types = input.columns.map(([name, kind]) => `'${name}': '${TYPES.duckdb[kind]}'`).join(', ');
      await connection.run(`CREATE TABLE ${input.name} AS SELECT * FROM read_csv('${file}', header = true, ` +
                           `auto_detect = false, quote = '"', escape = '"', columns = {${types}})`);
      return Number((await connection.runAndReadAll(`SELECT count(*) FROM ${input.name}`)).getRows()[0][0]);
    },
    async run(sql) {
      const reader = await connection.runAndReadAll(sql);
      return { names: reader.columnNames(), rows: reader.getRows().map((r) => r.map((v) => (v === null ? null : String(v)))) };
    },
    stop() { connection.closeSync?.(); instance.closeSync?.(); },
  };
}

async function clickhouseEngine() {
  const { Session } = require('chdb');
  const session = new Session(fs.mkdtempSync(path.join(os.tmpdir(), 'retain-chdb-')));
  return {
    dialect: 'clickhouse',
    async load(input, file) {
      session.query(`CREATE TABLE ${input.name} (${columnList(input, 'clickhouse')}) ENGINE = MergeTree ORDER BY tuple()`);
      session.query(`INSERT INTO ${input.name} SELECT * FROM file('${file}', 'CSVWithNames', '${columnList(input, 'clickhouse')}')`);
      return Number(session.query(`SELECT count() FROM ${input.name}`, 'TSV').trim());
    },
    async run(sql) {
      const result = JSON.parse(session.query(sql, 'JSONCompact'));
      return { names: result.meta.map((m) => m.name), rows: result.data };
    },
    stop() {
      session.cleanup();
      fs.rmSync(session.path, { recursive: true, force: true });
    },
  };
}

function tool(names) {
  for (const name of names) {
    for (const dir of ['/usr/lib/postgresql/15/bin', '/usr/sbin', '/usr/bin', '/usr/local/bin']) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) return file;
    }
  }
  return null;
}

const asRoot = process.getuid?.() === 0;

// Runs `file args` (as the postgres user when we are root: PostgreSQL refuses root).
function runAs(user, file, args, options = {}) {
  const [command, all] = asRoot && user ? ['runuser', ['-u', user, '--', file, ...args]] : [file, args];
  return execFileSync(command, all, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
}

async function postgresEngine() {
  process.env.PGCLIENTENCODING = 'UTF8';  // psql's connection in UTF-8 whatever the locale
  const initdb = tool(['initdb']);
  const pgCtl = tool(['pg_ctl']);
  const psql = tool(['psql']);
  if (!initdb || !pgCtl || !psql) return 'PostgreSQL 15 (initdb, pg_ctl, psql) is not installed';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retain-pg-'));
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const user = asRoot ? 'postgres' : null;
  runAs(user, initdb, ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--locale=C', '-E', 'UTF8'], { stdio: 'pipe' });
  runAs(user, pgCtl, ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o',
                      `-k ${dir} -c listen_addresses='' -p 5433`, 'start'], { stdio: 'pipe' });
  const psqlArgs = ['-X', '-q', '-h', dir, '-p', '5433', '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1'];
  const queryFile = path.join(dir, 'query.sql');
  return {
    dialect: 'postgres',
    async load(input, file) {
      runAs(null, psql, [...psqlArgs, '-c', `CREATE TABLE ${input.name} (${columnList(input, 'postgres')})`]);
      runAs(null, psql, [...psqlArgs, '-c', `\\copy ${input.name} FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
      return Number(runAs(null, psql, [...psqlArgs, '-A', '-t', '-c', `SELECT count(*) FROM ${input.name}`]).trim());
    },
    async run(sql) {
      fs.writeFileSync(queryFile, sql);
      const rows = parseCsv(runAs(null, psql, [...psqlArgs, '--csv', '-f', queryFile]));
      return { names: rows[0], rows: rows.slice(1) };
    },
    stop() {
      try { runAs(user, pgCtl, ['-D', `${dir}/data`, '-m', 'fast', '-w', 'stop'], { stdio: 'pipe' }); } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function mariadbEngine() {
  const install = tool(['mariadb-install-db']);
  const server = tool(['mariadbd']);
  const client = tool(['mariadb']);
  if (!install || !server || !client) return 'MariaDB (mariadb-install-db, mariadbd, mariadb) is not installed';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retain-mariadb-'));
  const user = os.userInfo().username;
  execFileSync(install, ['--no-defaults', `--datadir=${dir}/data`, `--user=${user}`, '--auth-root-authentication-method=normal'],
               { stdio: 'pipe' });
  const child = spawn(server, ['--no-defaults', `--datadir=${dir}/data`, `--socket=${dir}/sock`, '--skip-networking',
                               `--user=${user}`, `--pid-file=${dir}/pid`, `--log-error=${dir}/err`, '--local-infile=1'],
                      { stdio: 'ignore' });
  // The connection in UTF-8 whatever the locale: without LANG the client talks latin1, and the
  // queries' non-ASCII status literals would no longer match the loaded rows.
  const clientArgs = ['--no-defaults', `--socket=${dir}/sock`, '-u', 'root', '--local-infile=1', '--batch',
                      '--default-character-set=utf8mb4'];
  const sql = (text) => execFileSync(client, [...clientArgs, 'test'], { input: text, encoding: 'utf8', maxBuffer: 1 << 28, stdio: 'pipe' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const stop = async () => {
    try {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20000))]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  for (let i = 0; ; ++i) {
    try { execFileSync(client, [...clientArgs, '-e', 'CREATE DATABASE IF NOT EXISTS test'], { stdio: 'pipe' }); break; } catch (e) {
      if (i === 100) { await stop(); throw new Error(`MariaDB did not start: ${fs.readFileSync(`${dir}/err`, 'utf8')}`); }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    dialect: 'mysql',
    async load(input, file) {
      const vars = input.columns.map((_, i) => `@v${i}`).join(', ');
      const sets = input.columns.map(([name], i) => `\`${name}\` = NULLIF(@v${i}, '')`).join(', ');
      const out = sql(`CREATE TABLE ${input.name} (${columnList(input, 'mysql', '`')}) CHARACTER SET utf8mb4;\n` +
                      `LOAD DATA LOCAL INFILE '${file}' INTO TABLE ${input.name} CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' ` +
                      `OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\\n' IGNORE 1 LINES (${vars}) SET ${sets};\n` +
                      `SHOW WARNINGS;\nSELECT count(*) AS loaded FROM ${input.name};\n`);
      const lines = out.trim().split('\n');
      if (lines.length !== 2) throw new Error(`MariaDB warned while loading ${input.name}:\n${out}`);
      return Number(lines[1]);
    },
    async run(query) {
      // --batch: tab-separated, NULL as NULL, tab, newline and backslash escaped.
      const lines = sql(query).replace(/\n$/, '').split('\n');
      const unescape = (v) => (v === 'NULL' ? null : v.replace(/\\(.)/g, (_, c) => ({ t: '\t', n: '\n', 0: '\0' }[c] ?? c)));
      return { names: lines[0].split('\t'), rows: lines.slice(1).map((l) => l.split('\t').map(unescape)) };
    },
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// The checks.

function retainCsv(input, args) {
  return execFileSync(retain, [args[0], input.file, '--format', 'csv', '--quiet', ...input.flags, ...args.slice(1)],
                      { encoding: 'utf8', maxBuffer: 1 << 28 });
}

function query(input, dialect, table, args, statusValues = []) {
  return execFileSync(retain, ['sql', args[0], '--dialect', dialect, '--table', table, '--header-from', input.file,
                               ...input.flags, ...statusValues, ...args.slice(1)],
                      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// --status-values FILE with the CSV of SELECT DISTINCT on the table's status column, as a user
// would get it from the engine; no flags where the input has no status column to list.
async function statusValues(engine, input) {
  if (!input.statusColumn) return [];
  const column = engine.dialect === 'mysql' ? `\`${input.statusColumn}\`` : `"${input.statusColumn}"`;
  const { names, rows } = await engine.run(`SELECT DISTINCT ${column} FROM ${input.name}`);
  const file = path.join(workDir, `${engine.dialect}-${input.name}.statuses.csv`);
  fs.writeFileSync(file, toCsv(names, rows));
  return ['--status-values', file];
}

let failures = 0;
function fail(message) {
  ++failures;
  console.log(`FAIL ${message}`);
}

function firstDifference(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); ++i) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  retain: ${a[i]}\n  engine: ${b[i]}`;
  }
  return '';
}

async function checkEngine(start, inputs) {
  let engine;
  try {
    engine = await start();
  } catch (e) {
    fail(`${start.name}: ${e.message}`);
    return;
  }
  if (typeof engine === 'string') {
    // CI installs every engine (.ci/run sets RETAIN_REQUIRE_ENGINES=1): a skip there would hide
    // a missing install step, so it fails instead.
    if (process.env.RETAIN_REQUIRE_ENGINES === '1') fail(`${start.name}: ${engine}`);
    else console.log(`SKIP ${start.name}: ${engine}`);
    return;
  }
  try {
    for (const input of inputs) {
      const started = Date.now();
      const loaded = await engine.load(input, input.load.file);
      if (loaded !== input.load.rows) {
        fail(`${engine.dialect} ${input.name}: loaded ${loaded} rows of ${input.load.rows}`);
        continue;
      }
      const listed = await statusValues(engine, input);
      for (const args of input.cases) {
        const label = `${engine.dialect} ${input.name}: retain ${args.join(' ')}`;
        try {
          const { names, rows } = await engine.run(query(input, engine.dialect, input.name, args, listed));
          const actual = toCsv(names, rows);
          const expected = retainCsv(input, args);
          if (actual === expected) console.log(`ok   ${label} (${rows.length} rows)`);
          else fail(`${label}: differs at ${firstDifference(expected, actual)}`);
        } catch (e) {
          fail(`${label}: ${String(e.stderr || e.message).trim().split('\n').slice(-3).join(' ').slice(-500)}`);
        }
      }
      console.log(`     ${engine.dialect} ${input.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await engine.stop();
  }
}

// The dialects no engine here runs: every report and window kind must parse.
function parseChecks() {
  const { Parser } = require('node-sql-parser');
  const parser = new Parser();
  const modes = { bigquery: 'BigQuery', snowflake: 'Snowflake', spark: 'Hive', trino: 'Trino' };
  const input = INPUTS[0];
  const cases = [...WINDOWS.map((w) => ['metrics', '--window', w]), ['metrics', '--net', '--partial', 'include'],
                 ...['week', 'month', 'quarter', 'year'].map((w) => ['cohorts', '--window', w]),
                 ['cohorts', '--metric', 'customers', '--cumulative'], ['cohorts', '--metric', 'revenue_per_customer'],
                 ['metrics', '--group-by', 'status', '--net'], ['cohorts', '--group-by', 'status', '--cumulative'],
                 ['customers'], ['customers', '--time-unit', 'weeks', '--top', '10']];
  for (const [dialect, database] of Object.entries(modes)) {
    let parsed = 0;
    for (const args of cases) {
      try {
        parser.astify(query(input, dialect, 'orders', args), { database });
        ++parsed;
      } catch (e) {
        fail(`${dialect} (node-sql-parser ${database}): retain sql ${args.join(' ')}: ${String(e.message).slice(0, 300)}`);
      }
    }
    console.log(`ok   ${dialect}: ${parsed} of ${cases.length} queries parse as ${database}`);
  }
}

const inputs = INPUTS.filter((input) => {
  if (input.dataset && !fs.existsSync(input.file)) {
    console.log(`SKIP ${input.name}: ${input.file} is absent (the datasets folder is not here)`);
    return false;
  }
  input.load = loadFile(input);
  return true;
});
const only = process.env.RETAIN_SQL_ENGINES?.split(',');
for (const start of [duckdbEngine, clickhouseEngine, postgresEngine, mariadbEngine]) {
  if (!only || only.some((name) => start.name.startsWith(name))) await checkEngine(start, inputs);
}
if (!only) parseChecks();
console.log(failures === 0 ? 'all engine checks passed' : `${failures} engine checks failed`);
process.exit(failures === 0 ? 0 : 1);
