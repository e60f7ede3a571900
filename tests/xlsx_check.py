"""Reads retain's xlsx workbooks with openpyxl and compares them with the CSV of the same report.

Usage: xlsx_check.py REPORT_XLSX BASE... where each BASE.csv and BASE.xlsx are one report in two
formats. Every cell must hold the CSV's value: text as text (ids never numbers), dates as dates,
numbers as numbers equal to the CSV's decimals; empty CSV fields are blank cells. Number formats
follow the column: money #,##0.00, rates 0.00%, counts #,##0, dates yyyy-mm-dd. The header row is
frozen and has an autofilter; cohort periods have a colour scale.
"""
import csv
import datetime
import decimal
import re
import sys

import openpyxl

MONEY = {"revenue", "aov", "customer_value", "monetary_value", "median_customer_value",
         "p90_customer_value"}
RATE = {"repeat_rate", "retention_rate", "churn_rate", "one_time_buyer_share",
        "top20pct_revenue_share", "customer_share_for_80pct_revenue", "customer_share",
        "revenue_share"}
COUNT = {"customers", "orders", "repeat_customers", "new_customers", "returning_customers",
         "retained_customers", "period", "cohort_customers", "days_since_last_order", "frequency",
         "r_score", "f_score", "m_score"}
DATE = {"start", "end", "first_order", "last_order"}
FLAG = {"complete"}
TEXT = {"window", "cohort", "customer", "segment", "group", "period_name"}

failures = 0


def excel_text(text):
    """A cell's text as Excel shows it: _xHHHH_ is the character U+HHHH (ECMA-376 ST_Xstring),
    which libxlsxwriter writes for control characters and openpyxl leaves as it is."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def fail(message):
    global failures
    failures += 1
    if failures <= 30:
        print("FAILED: " + message)


def expected_format(name, base):
    if name in MONEY:
        return "#,##0.00"
    if name in RATE:
        return "0.00%"
    if name in COUNT:
        return "#,##0"
    if name in DATE:
        return "yyyy-mm-dd"
    if name == "value" or (name[0] == "p" and name[1:].isdigit()):  # cohort cells
        return "#,##0.00" if "revenue" in base else "0.00%"
    return None  # other numbers: as many decimals as the value has


def compare(base):
    with open(base + ".csv", newline="", encoding="utf-8", errors="replace") as f:
        rows = list(csv.reader(f))
    book = openpyxl.load_workbook(base + ".xlsx")
    sheet = book.worksheets[0]
    cells = [list(r) for r in sheet.iter_rows()]
    header = rows[0]
    if [excel_text(c.value) for c in cells[0]] != header:
        fail(f"{base}: header {[c.value for c in cells[0]]} != {header}")
        return
    if len(cells) != len(rows):
        fail(f"{base}: {len(cells)} rows in xlsx, {len(rows)} in CSV")
        return
    if sheet.freeze_panes != "A2":
        fail(f"{base}: frozen at {sheet.freeze_panes}, not under the header")
    last = openpyxl.utils.get_column_letter(len(header))
    if sheet.auto_filter.ref != f"A1:{last}{len(rows)}":
        fail(f"{base}: autofilter {sheet.auto_filter.ref}")
    for name, cell in zip(header, cells[0]):
        if not cell.font.b:
            fail(f"{base}: header {name} is not bold")
    for r, (row, xrow) in enumerate(zip(rows[1:], cells[1:]), start=2):
        for name, text, cell in zip(header, row, xrow):
            where = f"{base}:{cell.coordinate} ({name})"
            v = cell.value
            if text == "":
                if v is not None:
                    fail(f"{where}: {v!r} for an empty CSV field")
                continue
            if name in TEXT or cell.data_type == "s":
                if name not in TEXT:
                    fail(f"{where}: text {v!r} in a number column")
                # xlsx cells hold line breaks as \n; CSV may write \r\n inside quotes
                if excel_text(v) != text:
                    fail(f"{where}: {v!r} != {text!r}")
                continue
            if name in FLAG:
                if not isinstance(v, bool) or str(v).lower() != text:
                    fail(f"{where}: {v!r} is not the boolean {text}")
                continue
            if name in DATE:
                if not isinstance(v, datetime.datetime) or v.date().isoformat() != text:
                    fail(f"{where}: {v!r} is not the date {text}")
            elif not isinstance(v, (int, float)) or isinstance(v, bool):
                fail(f"{where}: {v!r} is not a number")
                continue
            else:
                want = decimal.Decimal(text)
                got = decimal.Decimal(repr(v)).quantize(want)
                if got != want:
                    fail(f"{where}: {v!r} != {text}")
            fmt = expected_format(name, base)
            if fmt is None:
                places = len(text.split(".")[1]) if "." in text else 0
                fmt = "0" + ("." + "0" * places if places else "")
            if cell.number_format != fmt:
                fail(f"{where}: number format {cell.number_format!r}, not {fmt!r}")
    if "cohorts" in base:
        rules = [rule for cf in sheet.conditional_formatting for rule in cf.rules]
        if not any(rule.type == "colorScale" for rule in rules):
            fail(f"{base}: no colour scale")
    print(f"ok: {base}.xlsx has the {len(rows) - 1} rows of {base}.csv")


def check_report(path):
    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    want = ["summary", "metrics", "cohorts", "concentration", "segments"]
    if names != want:
        fail(f"{path}: sheets {names}, not {want}")
    summary = book["summary"]
    if [c.value for c in summary[1]][:2] != ["period", "window"]:
        fail(f"{path}: summary header {[c.value for c in summary[1]]}")
    print(f"ok: {path} has the sheets {names}")


check_report(sys.argv[1])
for base in sys.argv[2:]:
    compare(base)
print(f"{failures} failed" if failures else "xlsx read back: all checks passed")
sys.exit(1 if failures else 0)
