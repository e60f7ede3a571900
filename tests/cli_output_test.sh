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
