// Opens each report (a folder with report.html and the CSVs of the same input) in headless
// Chromium and checks the rendered page, not the HTML text: every chart has a mark per CSV value
// and each mark's value equals the CSV's; the headline equals `retain summary`; no console
// error, no request but the page itself, no horizontal scrolling at 390 and 1280 px, the first
// (the bundled sample's) under 300 KB; hostile
// values are text (no script, no event attribute). Screenshots of the first report go to
// $SCREENSHOTS/report-390.png and report-1280.png (whole page), and report-readme.png (its top,
// small: the README's docs/report.png).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require(require.resolve('puppeteer-core', {paths: [process.cwd()]}));

// RFC 4180 records of a CSV file, as objects by header name.
function readCsv(file) {
  const text = fs.readFileSync(file, 'utf8');
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"')
        quoted = false;
      else
        field += c;
    } else if (c === '"')
      quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else
      field += c;
  }
  const header = rows.shift();
  return {header, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))};
}

let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures++;
    console.log(`FAILED: ${what}`);
  }
}
function same(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  check(a === e, `${what}: got ${a.slice(0, 300)}, expected ${e.slice(0, 300)}`);
}

// The marks of the figure whose caption starts with `caption`, as [series, category, value].
async function marks(page, caption, selector) {
  return page.evaluate((caption, selector) => {
    const figure = [...document.querySelectorAll('figure')].find(
        (f) => f.querySelector('figcaption').textContent.startsWith(caption));
    if (!figure) return null;
    return [...figure.querySelectorAll(selector)].map(
        (m) => [m.dataset.series, m.dataset.category, m.dataset.value]);
  }, caption, selector);
}

// The marks a per-window chart should have: one per window and series with a value.
function expected(records, series, all) {
  const out = [];
  for (const [column, name] of series) {
    for (const r of records)
      if (all || r[column] !== '') out.push([name, r.window, r[column]]);
  }
  return out;
}
function sorted(list) {
  return list === null ? null :
                         [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

async function checkWindows(page, records, prefix, name, withMoney) {
  same(
      sorted(await marks(page, `${prefix}Customers per`, 'rect.bar')),
      sorted(expected(
          records, [['new_customers', 'new'], ['returning_customers', 'returning']], true)),
      `${name}: ${prefix}new and returning bars`);
  same(
      sorted(await marks(page, `${prefix}Repeat rate, retention and churn`, 'circle.point')),
      sorted(expected(
          records,
          [
            ['repeat_rate', 'repeat rate'], ['retention_rate', 'retention'], ['churn_rate', 'churn']
          ])),
      `${name}: ${prefix}rate points`);
  if (withMoney) {
    same(
        sorted(await marks(page, `${prefix}Average order value`, 'circle.point')),
        sorted(expected(
            records, [['aov', 'average order value'], ['customer_value', 'value per customer']])),
        `${name}: ${prefix}money points`);
  }
}

async function checkCase(browser, dir, first) {
  const name = path.basename(dir);
  const url = 'file://' + path.resolve(dir, 'report.html');
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn')
      problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    if (r.url() !== url) problems.push(`failed request: ${r.url()}`);
  });
  for (const width of [390, 1280]) {
    await page.setViewport({width, height: 900});
    await page.goto(url, {waitUntil: 'load'});
    const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, `${name}: scrolls ${overflow} px sideways at ${width} px`);
    if (first)
      await page.screenshot(
          {path: path.join(process.env.SCREENSHOTS, `report-${width}.png`), fullPage: true});
  }
  if (first) {
    const size = fs.statSync(path.join(dir, 'report.html')).size;
    check(size < 300 * 1024, `${name}: the page is ${size} bytes, over 300 KB`);
    // The README's picture (docs/report.png is a copy): the top of the page, small.
    await page.setViewport({width: 1000, height: 1300, deviceScaleFactor: 0.7});
    await page.goto(url, {waitUntil: 'load'});
    await page.screenshot({path: path.join(process.env.SCREENSHOTS, 'report-readme.png')});
  }
  const metrics = readCsv(path.join(dir, 'metrics.csv')).records;
  await checkWindows(page, metrics, '', name, true);

  // The headline cards and the Lorenz marks are summary's numbers.
  const summary = readCsv(path.join(dir, 'summary.csv')).records[0];
  const cards = await page.evaluate(
      () => [...document.querySelectorAll('.card')].map(
          (c) => [c.dataset.column, c.dataset.value]));
  check(cards.length === 9, `${name}: 9 headline cards, got ${cards.length}`);
  for (const [column, value] of cards) same(value, summary[column], `${name}: headline ${column}`);
  const labels = await page.evaluate(
      () => [...document.querySelectorAll('.mark-label')].map((m) => m.dataset.value));
  same(
      labels,
      [summary.top20pct_revenue_share, summary.customer_share_for_80pct_revenue].filter(
          (v) => v !== ''),
      `${name}: Lorenz marks`);

  // The heat map: a cell per complete period of the wide cohort table.
  const cohorts = readCsv(path.join(dir, 'cohorts.csv'));
  const cells = [];
  for (const r of cohorts.records) {
    for (const h of cohorts.header.slice(2))
      if (r[h] !== '') cells.push([r.cohort, h, r[h]]);
  }
  const drawn = await page.evaluate(
      () => [...document.querySelectorAll('g.cells rect')].map(
          (c) => [c.parentNode.dataset.row, c.dataset.column, c.dataset.value]));
  same(sorted(drawn), sorted(cells), `${name}: heat-map cells`);

  // Segments: one bar per RFM segment in each of the two charts.
  same(
      (await marks(page, 'Customers per segment', 'rect.bar')).length, 8,
      `${name}: segment customer bars`);
  same(
      (await marks(page, 'Revenue per segment', 'rect.bar')).length, 8,
      `${name}: segment revenue bars`);

  // Groups: each group's charts equal metrics --group-by.
  const groupsFile = path.join(dir, 'groups.csv');
  if (fs.existsSync(groupsFile)) {
    const groups = readCsv(groupsFile).records;
    const names = [...new Set(groups.map((r) => r.group))];
    const shown = await page.evaluate(
        () => [...document.querySelectorAll('section.group')].map((s) => s.dataset.group));
    same(shown, names, `${name}: groups`);
    for (const g of names) {
      const shownName = g === '' ? '(blank)' : g;
      await checkWindows(page, groups.filter((r) => r.group === g), `${shownName}: `, name, false);
    }
    // Hostile values are text: no script element, no event attribute, the value shown as typed.
    const inert = await page.evaluate(
        () => ({
          scripts: document.scripts.length,
          images: document.images.length,
          handlers: [...document.querySelectorAll('*')]
                        .flatMap((e) => [...e.attributes].map((a) => a.name))
                        .filter((n) => n.startsWith('on')),
          headings: [...document.querySelectorAll('section.group h3')].map((h) => h.textContent),
        }));
    same(inert.scripts, 0, `${name}: script elements`);
    same(inert.images, 0, `${name}: img elements`);
    same(inert.handlers, [], `${name}: event attributes`);
    for (const g of names)
      check(
          inert.headings.some((h) => h.endsWith(g === '' ? '(blank)' : g)),
          `${name}: group ${g} shown as text`);
  }
  same(problems, [], `${name}: console errors and requests`);
  await page.close();
  console.log(`checked: ${name}`);
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'retain-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'
    ],
  });
  try {
    const dirs = process.argv.slice(2);
    for (let i = 0; i < dirs.length; i++) await checkCase(browser, dirs[i], i === 0);
  } finally {
    await browser.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
  console.log(
      failures === 0 ? 'report browser test: all checks passed' :
                       `report browser test: ${failures} failed`);
  process.exit(failures === 0 ? 0 : 1);
})().catch((e) => {
  console.log(`FAILED: ${e.stack}`);
  process.exit(1);
});
