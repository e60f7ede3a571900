#!/usr/bin/env bash
# Runs one golden CLI case: tests/cli/<case>/ holds `cmd` (the arguments after `retain`, shell
# words, run inside the case folder), an optional `stdin`, and the expected `stdout`, `stderr`
# and `exit` (the exit code). On a mismatch it prints the command, the exit status and both
# streams with a diff. Set RETAIN_UPDATE_GOLDEN=1 to rewrite the expected files instead.
set -u
retain=$1
case_dir=$2
cd "$case_dir" || exit 1
args=$(cat cmd)
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
if [ -f stdin ]; then
  eval "\"$retain\" $args" <stdin >"$out" 2>"$err"
else
  eval "\"$retain\" $args" </dev/null >"$out" 2>"$err"
fi
status=$?
if [ "${RETAIN_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$out" stdout; cp "$err" stderr; echo "$status" >exit
  exit 0
fi
expected_status=$(cat exit 2>/dev/null || echo 0)
failed=0
[ "$status" = "$expected_status" ] || failed=1
cmp -s "$out" stdout || failed=1
cmp -s "$err" stderr || failed=1
if [ $failed = 1 ]; then
  echo "FAILED: (cd $case_dir && retain $args)"
  echo "exit status: $status (expected $expected_status)"
  echo "--- stdout diff (expected, actual):"; diff stdout "$out"
  echo "--- stderr diff (expected, actual):"; diff stderr "$err"
  exit 1
fi
echo "ok: retain $args"
