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

set -o pipefail
"$retain" metrics "$sample" --window day --format csv 2>"$work/err" | head -1 >"$work/head"
status=$?
check "a closed pipe ends quietly" test "$status" = 0
check "a closed pipe prints no error" test ! -s "$work/err" -o "$(grep -c error "$work/err")" = 0
check "head got the header" grep -q '^window,start,end' "$work/head"

echo "$passes passed, $failures failed"
[ "$failures" = 0 ]
