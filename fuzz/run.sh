#!/usr/bin/env bash
# Runs every libFuzzer target of a RETAIN_FUZZ build for SECONDS each (default 60), on a copy of
# its seed corpus (fuzz/corpus/<target>/) in a temp folder plus its regression inputs
# (fuzz/regressions/<target>/), which all run first. Exits non-zero if any target finds a crash,
# a leak, a sanitizer report, an uncaught exception or a timeout; the input is saved as
# BUILD_DIR/fuzz-artifacts/<target>-crash-... and the end of the fuzzer's log is printed.
#
#   fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]
set -uo pipefail
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]}
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(loader_fuzz date_fuzz money_fuzz byte_source_fuzz)

artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
work=$(mktemp -d /tmp/retain-fuzz-run.XXXXXX)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for target in "${targets[@]}"; do
  exe="$build/fuzz/$target"
  [ -x "$exe" ] || { echo "fuzz/run.sh: $exe is missing (configure with -DRETAIN_FUZZ=ON)"; exit 2; }
  corpus="$work/$target"
  mkdir -p "$corpus"
  for from in "$fuzz_dir/corpus/$target" "$fuzz_dir/regressions/$target"; do
    [ -d "$from" ] && cp -R "$from/." "$corpus/"
  done
  log="$work/$target.log"
  echo "== $target: ${seconds}s on $(ls "$corpus" | wc -l) seed and regression inputs"
  "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target-" "$corpus" >"$log" 2>&1
  status=$?
  if [ $status -ne 0 ]; then
    tail -n 80 "$log"
    echo "== $target: FAILED (exit $status); input saved under $artifacts/"
    failed+=("$target")
  else
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|cov: .*corp:' "$log" | tail -n 4
    echo "== $target: ok"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz/run.sh: findings in: ${failed[*]}"
  exit 1
fi
