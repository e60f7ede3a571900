#!/usr/bin/env bash
# Every JSON report is valid JSON and valid UTF-8 whatever bytes the input holds: the reports of
# an input with hostile customer ids and group values (escape sequences, a newline inside a
# quoted field, invalid UTF-8, C0 and C1 controls) are parsed by Python's strict decoder, which
# rejects raw control characters in strings and, reading bytes, any byte that is not UTF-8.
set -u
retain=$1
input=$2
failures=0
check() {  # arguments after `retain`
  if "$retain" "$@" -q --format json | python3 -c '
import json, sys
json.loads(sys.stdin.buffer.read().decode("utf-8"))'; then
    echo "ok: retain $*"
  else
    echo "FAILED: retain $* is not valid JSON"
    failures=$((failures + 1))
  fi
}
check customers "$input"
check metrics "$input" --group-by shop
check metrics "$input" --group-by customer
check cohorts "$input" --group-by shop
check summary "$input" --group-by shop
exit $((failures > 0))
