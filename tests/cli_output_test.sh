#!/usr/bin/env bash
# What cron jobs rely on: --output replaces a report only on success, a full disk is an error,
# and a reader that stops early (| head) ends the run quietly.
set -u
retain=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passes=0
failures=0
check() {  # description, then a command that must succeed
  local what=$1
  shift
  if "$@"; then
    echo "ok: $what"
    passes=$((passes + 1))
  else
    echo "FAILED: $what"
    failures=$((failures + 1))
  fi
}

"$retain" metrics "$sample" -q --format csv >"$work/expected.csv"
"$retain" metrics "$sample" -q --format csv --output "$work/report.csv"
check "--output writes the report" cmp -s "$work/expected.csv" "$work/report.csv"

: >"$work/empty.csv"
"$retain" metrics "$work/empty.csv" -q --output "$work/report.csv" 2>"$work/err"
status=$?
check "a failed run exits 1" test "$status" = 1
check "a failed run leaves the previous report" cmp -s "$work/expected.csv" "$work/report.csv"
check "a failed run leaves no temporary file" test "$(ls "$work" | grep -c report)" = 1

if [ -w /dev/full ]; then
  "$retain" metrics "$sample" -q --format csv >/dev/full 2>"$work/err"
  status=$?
  check "a full disk exits 1" test "$status" = 1
  check "a full disk says so" grep -qx "retain: error: cannot write to standard output: No space left on device" "$work/err"
fi

# Without --format the output file's extension picks the format; a contradicting --format wins
# with a warning.
"$retain" metrics "$sample" -q --output "$work/q1.csv"
check "-o q1.csv writes CSV" cmp -s "$work/expected.csv" "$work/q1.csv"
"$retain" metrics "$sample" -q --format json >"$work/expected.json"
"$retain" metrics "$sample" -q --output "$work/q1.JSON"
check "-o q1.JSON writes JSON" cmp -s "$work/expected.json" "$work/q1.JSON"
"$retain" metrics "$sample" --format tsv --output "$work/q2.csv" 2>"$work/err"
check "--format tsv -o q2.csv writes TSV" grep -q "^window	start	" "$work/q2.csv"
check "... and warns" grep -qx "retain: warning: writing tsv to $work/q2.csv, whose name says csv" "$work/err"
"$retain" metrics "$sample" -q --format tsv --output "$work/q2.csv" 2>"$work/err"
check "... but not with --quiet" test ! -s "$work/err"
"$retain" metrics "$sample" -q --output "$work/q3.txt"
"$retain" metrics "$sample" -q >"$work/expected.txt"
check "-o q3.txt writes the table" cmp -s "$work/expected.txt" "$work/q3.txt"

# -o onto a symlink replaces the file it points to and keeps its mode; -o naming an input is
# refused and leaves the input alone.
echo old >"$work/target.csv"
chmod 640 "$work/target.csv"
ln -s target.csv "$work/link.csv"
"$retain" metrics "$sample" -q --output "$work/link.csv"
check "-o a symlink keeps the link" test -L "$work/link.csv"
check "... and writes the file it points to" cmp -s "$work/expected.csv" "$work/target.csv"
check "... keeping its mode" test "$(stat -c %a "$work/target.csv")" = 640
cp "$sample" "$work/orders.csv"
"$retain" metrics "$work/orders.csv" -q --output "$work/./orders.csv" 2>"$work/err"
status=$?
check "-o naming an input is a usage error" test "$status" = 2
check "... that says so" grep -q "is the input .*orders.csv: the report would replace it" "$work/err"
check "... and leaves the input alone" cmp -s "$sample" "$work/orders.csv"

# No file and a terminal on stdin: a usage error that says how to give the orders (under a
# pseudo-terminal from script(1), util-linux).
if command -v script >/dev/null; then
  script -qec "$retain metrics" /dev/null </dev/null >"$work/tty" 2>&1
  status=$?
  check "no file at a terminal is a usage error" test "$status" = 2
  check "... that says how to give the orders" grep -q "no order export given: name the files" "$work/tty"
  # stderr a terminal: the summary without --verbose; --quiet keeps it off.
  script -qec "$retain metrics $sample --format csv -o $work/tty.csv" /dev/null </dev/null >"$work/tty" 2>&1
  check "a terminal on stderr gets the summary" grep -q "^retain: read .* rows:" "$work/tty"
  script -qec "$retain metrics $sample -q --format csv -o $work/tty.csv" /dev/null </dev/null >"$work/tty" 2>&1
  check "... but not with --quiet" test ! -s "$work/tty"
  # The cohort heat map: colour on a terminal, none with NO_COLOR or TERM=dumb, or --color never.
  cohorts="$retain cohorts $sample -q"
  TERM=xterm script -qec "$cohorts" /dev/null </dev/null >"$work/tty" 2>&1
  check "cohorts colour a terminal" grep -q $'\x1b\\[' "$work/tty"
  NO_COLOR=1 TERM=xterm script -qec "$cohorts" /dev/null </dev/null >"$work/tty" 2>&1
  check "... but not with NO_COLOR" test "$(grep -c $'\x1b\\[' "$work/tty")" = 0
  TERM=dumb script -qec "$cohorts" /dev/null </dev/null >"$work/tty" 2>&1
  check "... nor with TERM=dumb" test "$(grep -c $'\x1b\\[' "$work/tty")" = 0
  TERM=xterm script -qec "$cohorts --color never" /dev/null </dev/null >"$work/tty" 2>&1
  check "... nor with --color never" test "$(grep -c $'\x1b\\[' "$work/tty")" = 0
  TERM=dumb script -qec "$cohorts --color always" /dev/null </dev/null >"$work/tty" 2>&1
  check "... and --color always wins over TERM=dumb" grep -q $'\x1b\\[' "$work/tty"
  # A workbook is binary: never to a terminal, whatever asks for it.
  for asks in "metrics $sample -q --format xlsx" "report $sample -q --format xlsx"; do
    script -qec "$retain $asks" /dev/null </dev/null >"$work/tty" 2>&1
    status=$?
    check "retain ${asks%% *} --format xlsx to a terminal is a usage error" test "$status" = 2
    check "... that says to give a file" grep -q "an xlsx workbook is not for a terminal: give --output FILE.xlsx" "$work/tty"
  done

  # A table wider than the terminal keeps the columns that fit and names the others on stderr;
  # never when piped, with --output or with --columns. (script(1) turns LF into CRLF.)
  fits() {  # the longest line of the pseudo-terminal's output is at most $1 cells
    test "$(tr -d '\r' <"$work/tty" | awk '{ if (length($0) > n) n = length($0) } END { print n }')" -le "$1"
  }
  COLUMNS=80 script -qec "$retain metrics $sample -w year" /dev/null </dev/null 2>/dev/null |
    tr -d '\r' | grep -v '^retain: ' >"$work/tty"
  check "metrics fit 80 columns" fits 80
  check "... keeping the first columns" grep -q '^window  customers  orders    revenue  repeat' "$work/tty"
  check "... dropping the last" test "$(grep -c churn "$work/tty")" = 0
  COLUMNS=80 script -qec "$retain metrics $sample -w year" /dev/null </dev/null >"$work/tty" 2>&1
  check "... with a hint naming them and --columns" grep -q "^retain: not shown, to fit the terminal's 80 columns: customer_value, new_customers, returning_customers, retention_rate, churn_rate (--columns chooses the columns shown)" "$work/tty"
  COLUMNS=80 script -qec "$retain metrics $sample -w year -q" /dev/null </dev/null >"$work/tty" 2>&1
  check "... but not with --quiet" test "$(grep -c '^retain:' "$work/tty")" = 0
  COLUMNS=200 script -qec "$retain metrics $sample -w year -q" /dev/null </dev/null >"$work/tty" 2>&1
  check "at 200 columns every column shows" grep -q 'retention   churn' "$work/tty"
  "$retain" metrics "$sample" -w year -q >"$work/piped"
  check "... as piped output always does" cmp -s <(tr -d '\r' <"$work/tty") "$work/piped"
  COLUMNS=80 script -qec "$retain metrics $sample -w year -q -o $work/wide.txt" /dev/null </dev/null >/dev/null 2>&1
  check "-o is never fitted" cmp -s "$work/wide.txt" "$work/piped"
  COLUMNS=80 script -qec "$retain metrics $sample -w year -q --columns window,churn_rate,start,end,retained_customers,returning_customers,new_customers,customer_value,revenue" /dev/null </dev/null >"$work/tty" 2>&1
  check "--columns is never fitted" grep -q '^window   churn  start       end         retained customers  returning  new   value    revenue' "$work/tty"
  COLUMNS=80 script -qec "$retain customers $sample -q --top 3" /dev/null </dev/null >"$work/tty" 2>&1
  check "customers fit 80 columns" fits 80
  check "... keeping the customer first" grep -q '^customer  first ' "$work/tty"
  COLUMNS=80 script -qec "$retain summary $sample -q -w quarter" /dev/null </dev/null >"$work/tty" 2>&1
  check "summary fits 80 columns" fits 80
  COLUMNS=80 script -qec "$retain summary $sample" /dev/null </dev/null >"$work/tty" 2>&1
  check "... and its one-window listing is whole, without a hint" test "$(grep -c -e '^Top customers holding' -e 'not shown' "$work/tty")" = 1
  COLUMNS=80 LINES=12 script -qec "$cohorts --color never" /dev/null </dev/null >"$work/tty" 2>&1
  check "cohorts fit 80 columns" fits 80
  check "... say which metric they show" grep -q '^retention by month cohort and period' "$work/tty"
  check "... and show the latest cohorts" grep -q '^2024-12 ' "$work/tty"
  check "... as many as fit 12 lines" test "$(grep -c '^20[0-9][0-9]-' "$work/tty")" = 8
  COLUMNS=80 LINES=12 script -qec "$retain cohorts $sample --color never" /dev/null </dev/null >"$work/tty" 2>&1
  check "... with a hint to --format csv --wide" grep -q "^retain: not shown, to fit the terminal's 80 columns: the first 40 rows; p8, .*, p47 (--format csv --wide shows them all)" "$work/tty"
  COLUMNS=200 LINES=100 script -qec "$cohorts --color never" /dev/null </dev/null >"$work/tty" 2>&1
  check "at 200 columns and 100 lines every cohort shows" test "$(grep -c '^20[0-9][0-9]-' "$work/tty")" = 48
fi

# An xlsx --output is written whole and atomically too: a zip, picked by the extension.
"$retain" summary "$sample" -q -o "$work/summary.xlsx"
check "-o NAME.xlsx writes a workbook" test "$(head -c 2 "$work/summary.xlsx")" = PK
"$retain" report "$sample" -q -o "$work/report.xlsx"
check "report -o NAME.xlsx writes a workbook" test "$(head -c 2 "$work/report.xlsx")" = PK
"$retain" report "$sample" -q -o "$work/report.html"
check "report -o NAME.html writes the page" grep -q "^<!DOCTYPE html>" "$work/report.html"

set -o pipefail
"$retain" metrics "$sample" --window day --format csv 2>"$work/err" | head -1 >"$work/head"
status=$?
check "a closed pipe ends quietly" test "$status" = 0
check "a closed pipe prints no error" test ! -s "$work/err" -o "$(grep -c error "$work/err")" = 0
check "head got the header" grep -q '^window,start,end' "$work/head"

echo "$passes passed, $failures failed"
[ "$failures" = 0 ]
