#!/usr/bin/env bash
# Benchmark: retain vs DuckDB on the monthly metrics of a generated orders file.
#
#   bench/run.sh [--rows N] [--customers N] [--runs K]     (defaults 10000000, 4000000, 3)
#   bench/run.sh --dropout P [--rows N] [--customers N] [--runs K]
#
# Environment: RETAIN_BUILD = the build folder holding retain and bench/retain_generate
# (default build/, relative to the repository root; built there if a binary is missing).
#
# Steps: make sure retain, the generator, @duckdb/node-api and chdb (in bench/work/node) and GNU time are
# there; generate bench/work/orders_<rows>.csv unless it is there from the same flags (seed 1,
# deterministic); then K rounds, each running in turn
#     cat FILE > /dev/null                                   (floor: reading the file)
#     retain metrics FILE --window month --format csv --quiet
#     cat FILE | retain metrics - --window month --format csv --quiet   (standard input, a pipe)
#     node bench/duckdb_metrics.mjs FILE
#     retain metrics FILE.gz, and zcat FILE.gz | retain metrics -   (gzip -1 of FILE)
#     retain metrics FILE.zst, and zstd -dc FILE.zst | retain metrics -   (zstd -3 of FILE)
#     retain metrics NOTES   (FILE with a two-line quoted note on every row)
#     retain customers FILE --format csv --quiet   (a row per customer, streamed)
#     retain predict FILE --format csv --quiet   (BG/NBD and Gamma-Gamma, a row per customer)
#     retain predict FILE --model pareto --format csv --quiet
#     node bench/chdb_metrics.mjs RETAIN FILE   (chDB running `retain sql metrics --dialect clickhouse`)
# the two predict runs and chDB under `timeout 900`: the generated file has no drop-out, so a model may be
# refused as flat (exit 1, timed all the same, marked "refused" and missing its goal) but must
# never hang; under /usr/bin/time -f '%e %M %U %S' (wall seconds, peak RSS KiB, user and system
# CPU seconds). Every run's metrics CSV must be byte-identical to DuckDB's, or the script prints
# a diff excerpt and exits 1; DuckDB has no customers report, so every run's customers CSV must
# equal the first run's and have a row per customer that `retain summary` counts. Then it prints
# the machine, the file and a Markdown table of medians with ratios against DuckDB (and the
# customers run's memory against retain metrics), and exits 0.
#
# --dropout P runs only the predict goals, on data the models can fit: it generates
# bench/work/orders_<rows>_dropout<P>.csv (retain_generate --dropout P: after each order a loyal
# customer stops buying for good with their own probability, uniform on [0, 2P]) and times, K
# rounds in turn,
#     retain metrics FILE --window month --format csv --quiet
#     retain predict FILE --format csv --quiet
#     retain predict FILE --model pareto --format csv --quiet
# then prints their medians and the predict runs against the goals (3x and 6x metrics). A refusal
# is timed, marked and misses its goal. Neither DuckDB nor the other cases run.
set -euo pipefail

usage() {
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
  echo "bench/run.sh: $*" >&2
  exit 1
}

rows=10000000
customers=4000000
runs=3
dropout=""
while [ $# -gt 0 ]; do
  flag=$1
  case $flag in
    -h | --help) usage; exit 0 ;;
    --rows=* | --customers=* | --runs=* | --dropout=*) value=${flag#*=}; flag=${flag%%=*}; shift ;;
    --rows | --customers | --runs | --dropout)
      [ $# -ge 2 ] || { usage >&2; die "$flag needs a value"; }
      value=$2; shift 2 ;;
    *) usage >&2; die "unknown argument '$flag'" ;;
  esac
  if [ "$flag" = --dropout ]; then
    [[ $value =~ ^(0|0?\.([0-4][0-9]{0,5}|50{0,5}))$ ]] ||
      die "invalid value '$value' for --dropout (0 to 0.5, at most 6 decimals)"
    dropout=$value
    continue
  fi
  [[ $value =~ ^[1-9][0-9]{0,11}$ ]] || die "invalid value '$value' for $flag (a positive integer)"
  case $flag in
    --rows) rows=$value ;;
    --customers) customers=$value ;;
    --runs) runs=$value ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$root/bench/work
build=${RETAIN_BUILD:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
mkdir -p "$work"

log() { echo "== $*" >&2; }

# --- Tools ---------------------------------------------------------------------------------------

if [ ! -x "$build/retain" ] || [ ! -x "$build/bench/retain_generate" ]; then
  log "building retain and retain_generate in $build"
  # The generator is off by default: turn it on in this build folder (other settings kept).
  if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRETAIN_BUILD_TESTS=OFF \
      -DRETAIN_BUILD_BENCH=ON >&2
  else
    cmake -S "$root" -B "$build" -DRETAIN_BUILD_BENCH=ON >&2
  fi
  cmake --build "$build" -j"$(nproc)" --target retain retain_generate >&2
fi

# The build folder may be rebuilt while we run: time a private copy of retain.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/retain-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp "$build/retain" "$tmp/retain"
retain=$tmp/retain
generator=$build/bench/retain_generate

node_dir=$work/node
if [ -z "$dropout" ] && [ ! -f "$node_dir/node_modules/@duckdb/node-api/package.json" ]; then
  command -v npm > /dev/null || die "npm is needed to install @duckdb/node-api"
  log "installing @duckdb/node-api into $node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error @duckdb/node-api@1.5.6-r.1 >&2
fi
# chDB runs the query of `retain sql metrics --dialect clickhouse` (bench/chdb_metrics.mjs); the
# version the engines test pins (tests/sql/package.json).
if [ -z "$dropout" ] && [ ! -f "$node_dir/node_modules/chdb/package.json" ]; then
  command -v npm > /dev/null || die "npm is needed to install chdb"
  log "installing chdb into $node_dir (about 550 MB)"
  npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error chdb@3.4.0 >&2
fi
export DUCKDB_NODE_DIR=$node_dir

if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >&2 ||
    { $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >&2; }
fi

if [ -z "$dropout" ] && ! command -v zstd > /dev/null; then
  log "installing zstd"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq zstd >&2 ||
    { $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq zstd >&2; }
fi

# --- Data ----------------------------------------------------------------------------------------

# generate FILE FLAGS...: writes FILE with retain_generate FLAGS unless it is there from the same
# flags (FILE.flags remembers them).
generate() {
  local made=$1
  shift
  if [ ! -f "$made" ] || [ "$(cat "$made.flags" 2> /dev/null)" != "$*" ]; then
    log "generating $made (retain_generate $*)"
    rm -f "$made.flags"
    "$generator" "$@" > "$made.tmp"
    mv "$made.tmp" "$made"
    echo "$*" > "$made.flags"
  fi
}

if [ -n "$dropout" ]; then
  file=$work/orders_${rows}_dropout$dropout.csv
  generate "$file" --rows "$rows" --customers "$customers" --seed 1 --dropout "$dropout"
else
  file=$work/orders_$rows.csv
  generate "$file" --rows "$rows" --customers "$customers" --seed 1
fi
size=$(stat -c %s "$file")

# --- Runs ----------------------------------------------------------------------------------------

out=$work/out
mkdir -p "$out"
declare -A outcome  # of the predict runs: "ok", or "refused: ..." (exit 1) in any round
declare -A walls rsss cpus

# measure INDEX OUTPUT STDIN COMMAND...: runs COMMAND under GNU time, appends the wall, RSS and CPU.
measure() {
  local index=$1 output=$2 input=$3
  shift 3
  local status=0
  /usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$@" < "$input" > "$output" 2> "$tmp/stderr" || status=$?
  # A predict run may refuse a flat model (exit 1, with its message); nothing else may fail.
  if [ "$status" = 1 ] && [[ ${labels[$index]} == *predict* ]]; then
    outcome[$index]="refused: $(grep -m 1 'error' "$tmp/stderr" || true)"
  elif [ "$status" != 0 ]; then
    cat "$tmp/stderr" >&2
    die "${labels[$index]} failed (exit $status; 124 is the timeout): $*"
  elif [[ ${labels[$index]} == *predict* ]]; then
    outcome[$index]=${outcome[$index]:-ok}
  fi
  local wall rss user sys
  read -r wall rss user sys < <(tail -n 1 "$tmp/time")
  walls[$index]+="$wall "
  rsss[$index]+="$rss "
  cpus[$index]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') "
  printf '   %-15s %7.2f s %9.1f MiB\n' "${labels[$index]}" "$wall" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" >&2
}

same_or_die() {
  local name=$1 got=$2 want=$3
  if ! cmp -s "$got" "$want"; then
    echo "bench/run.sh: $name output differs from DuckDB's (< $name, > duckdb):" >&2
    diff "$got" "$want" | head -n 40 >&2 || true
    echo "full outputs: $got $want" >&2
    exit 1
  fi
}

median() {
  tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 }
    END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# report_medians: wall_med[i], rss_med[i] and cpu_med[i] (user + system seconds), the medians of
# every labelled program's runs.
report_medians() {
  local i
  for i in "${!labels[@]}"; do
    wall_med[i]=$(echo "${walls[$i]}" | median)
    rss_med[i]=$(echo "${rsss[$i]}" | median)
    cpu_med[i]=$(echo "${cpus[$i]}" | median)
  done
}

# describe_run: the machine, the file and the binary.
describe_run() {
  local cpu
  cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, load $(cut -d ' ' -f 1-3 /proc/loadavg) at the end"
  echo "file: ${file#"$root"/} ($rows orders, $customers customers, $size bytes = $(awk -v b="$size" 'BEGIN { printf "%.1f MiB", b / 1048576 }'))"
  echo "retain: $build/retain ($(date -r "$build/retain" '+%Y-%m-%d %H:%M:%S' 2> /dev/null || echo '?'))"
}

# predict_goals METRICS PREDICT PARETO: the two predict runs' medians against 3x and 6x metrics'.
predict_goals() {
  local i limit
  for i in "$2" "$3"; do
    limit=$([ "$i" = "$2" ] && echo 3 || echo 6)
    awk -v name="${labels[$i]}" -v w="${wall_med[$i]}" -v m="${wall_med[$1]}" -v limit="$limit" \
        -v outcome="${outcome[$i]}" 'BEGIN {
      met = w / m <= limit && outcome == "ok"
      printf "target %s: wall <= %dx retain metrics (file) %s (%.2fx; %s)\n",
             name, limit, met ? "yes" : "NO", w / m, outcome
    }'
  done
}

# --- Drop-out: the predict goals on data the models can fit ---------------------------------------

if [ -n "$dropout" ]; then
  labels=("retain metrics" "retain predict" "predict pareto")
  cat "$file" > /dev/null  # warm the page cache so the first round is like the others
  for ((run = 1; run <= runs; run++)); do
    log "round $run/$runs ($(cut -d ' ' -f 1-3 /proc/loadavg))"
    measure 0 "$out/dropout_metrics.csv" /dev/null "$retain" metrics "$file" --window month \
      --format csv --quiet
    measure 1 "$out/dropout_predict.csv" /dev/null timeout 900 "$retain" predict "$file" \
      --format csv --quiet
    measure 2 "$out/dropout_pareto.csv" /dev/null timeout 900 "$retain" predict "$file" \
      --model pareto --format csv --quiet
    for name in dropout_metrics dropout_predict dropout_pareto; do
      if [ "$run" = 1 ]; then
        mv "$out/$name.csv" "$out/$name.first.csv"
      elif ! cmp -s "$out/$name.csv" "$out/$name.first.csv"; then
        die "$name printed another CSV than in round 1 ($out/$name.csv)"
      fi
    done
  done
  report_medians
  describe_run
  echo "runs: $runs, medians; each program's CSV the same in every run"
  echo
  echo "| program | wall s | peak RSS MiB | CPU s | wall vs metrics | CPU vs metrics |"
  echo "|---|---:|---:|---:|---:|---:|"
  for i in 0 1 2; do
    awk -v name="${labels[$i]}" -v w="${wall_med[$i]}" -v r="${rss_med[$i]}" -v c="${cpu_med[$i]}" \
        -v m="${wall_med[0]}" -v mc="${cpu_med[0]}" 'BEGIN {
      printf "| %s | %.2f | %.1f | %.2f | %.2fx | %.2fx |\n", name, w, r / 1024, c, w / m, c / mc
    }'
  done
  echo
  predict_goals 0 1 2
  exit 0
fi

# --- The default run: retain against DuckDB ------------------------------------------------------

# The same orders compressed (gzip -1, zstd -3), and with a two-line note on every row (a quoted
# field holding a newline, as Shopify's notes): each made once, from the file above.
gz=$file.gz zst=$file.zst notes=$work/notes_$rows.csv
for made in "$gz" "$zst" "$notes"; do
  if [ ! -f "$made" ] || [ "$made" -ot "$file" ]; then
    log "making $made"
    case $made in
      *.gz) gzip -1 -n -c "$file" > "$made.tmp" ;;
      *.zst) zstd -q -3 -c "$file" > "$made.tmp" ;;
      *) awk 'NR == 1 { print $0 ",note"; next } { print $0 ",\"gift wrap\nleave at the door\"" }' \
           "$file" > "$made.tmp" ;;
    esac
    mv "$made.tmp" "$made"
  fi
done

labels=("cat" "retain (file)" "retain (pipe)" "duckdb" "retain (gzip file)" "zcat, piped"
        "retain (zstd file)" "zstd -dc, piped" "retain (notes)" "retain customers"
        "retain predict" "predict pareto" "chDB (retain sql)")

cat "$file" > /dev/null  # warm the page cache so the first round is like the others
for ((run = 1; run <= runs; run++)); do
  log "round $run/$runs"
  measure 0 /dev/null "$file" cat "$file"
  measure 1 "$out/retain_file.csv" /dev/null "$retain" metrics "$file" --window month --format csv --quiet
  # Standard input from a pipe: no size known, no mmap possible.
  measure 2 "$out/retain_stdin.csv" <(cat "$file") "$retain" metrics - --window month --format csv --quiet
  measure 3 "$out/duckdb.csv" /dev/null node "$root/bench/duckdb_metrics.mjs" "$file"
  head -n 1 "$out/duckdb.csv" | grep -q '^window,start,end,' || die "DuckDB printed no CSV header"
  same_or_die "retain (file)" "$out/retain_file.csv" "$out/duckdb.csv"
  same_or_die "retain (pipe)" "$out/retain_stdin.csv" "$out/duckdb.csv"
  measure 4 "$out/retain_gz.csv" /dev/null "$retain" metrics "$gz" --window month --format csv --quiet
  measure 5 "$out/zcat.csv" <(zcat "$gz") "$retain" metrics - --window month --format csv --quiet
  measure 6 "$out/retain_zst.csv" /dev/null "$retain" metrics "$zst" --window month --format csv --quiet
  measure 7 "$out/zstdcat.csv" <(zstd -dc "$zst") "$retain" metrics - --window month --format csv --quiet
  measure 8 "$out/retain_notes.csv" /dev/null "$retain" metrics "$notes" --window month --format csv --quiet
  for name in retain_gz zcat retain_zst zstdcat retain_notes; do
    same_or_die "$name" "$out/$name.csv" "$out/duckdb.csv"
  done
  measure 9 "$out/retain_customers.csv" /dev/null "$retain" customers "$file" --format csv --quiet
  if [ "$run" = 1 ]; then
    mv "$out/retain_customers.csv" "$out/retain_customers.first.csv"
  elif ! cmp -s "$out/retain_customers.csv" "$out/retain_customers.first.csv"; then
    die "retain customers printed another CSV than in round 1 ($out/retain_customers.csv)"
  fi
  measure 10 "$out/retain_predict.csv" /dev/null timeout 900 "$retain" predict "$file" --format csv --quiet
  measure 11 "$out/retain_pareto.csv" /dev/null timeout 900 "$retain" predict "$file" --model pareto \
    --format csv --quiet
  measure 12 "$out/chdb.csv" /dev/null timeout 900 node "$root/bench/chdb_metrics.mjs" "$retain" "$file"
  same_or_die "chDB (retain sql)" "$out/chdb.csv" "$out/duckdb.csv"
done

# The customers CSV: the stable header, and a row per customer counted (as retain summary
# counts them over the whole file; not timed).
customers_csv=$out/retain_customers.first.csv
header=customer,first_order,last_order,orders,revenue,aov,days_since_last_order,frequency,recency,T,monetary_value,r_score,f_score,m_score,segment
[ "$(head -n 1 "$customers_csv")" = "$header" ] || die "retain customers printed another header"
counted=$("$retain" summary "$file" --format csv --quiet | awk -F, 'NR == 2 { print $4 }')
listed=$(($(wc -l < "$customers_csv") - 1))
[ "$listed" = "$counted" ] ||
  die "retain customers listed $listed customers, retain summary counts $counted"

# --- Report --------------------------------------------------------------------------------------

report_medians
describe_run
echo "duckdb: $(node bench/duckdb_metrics.mjs --version)"
echo "runs: $runs, medians; CSVs of all runs byte-identical ($(($(wc -l < "$out/duckdb.csv") - 1)) months, $listed customers)"
echo
echo "| program | wall s | peak RSS MiB | wall vs DuckDB | RSS vs DuckDB |"
echo "|---|---:|---:|---:|---:|"
for i in 0 1 2 3 4 5 6 7 8 9 10 11 12; do
  awk -v name="${labels[$i]}" -v w="${wall_med[$i]}" -v r="${rss_med[$i]}" \
      -v dw="${wall_med[3]}" -v dr="${rss_med[3]}" 'BEGIN {
    printf "| %s | %.2f | %.1f | %s | %.3fx |\n", name, w, r / 1024,
           (dw > 0 ? sprintf("%.3fx", w / dw) : "-"), r / dr
  }'
done
echo
for i in 1 2; do
  awk -v name="${labels[$i]}" -v w="${wall_med[$i]}" -v r="${rss_med[$i]}" \
      -v dw="${wall_med[3]}" -v dr="${rss_med[3]}" 'BEGIN {
    wall_ok = dw > 0 && w / dw <= 0.25; rss_ok = r / dr <= 0.25
    printf "target %s: wall <= 0.25x DuckDB %s, peak RSS <= 0.25x DuckDB %s, same CSV yes\n",
           name, wall_ok ? "yes" : "NO", rss_ok ? "yes" : "NO"
  }'
done
notes_size=$(stat -c %s "$notes")
awk -v gz="${wall_med[4]}" -v zc="${wall_med[5]}" -v zs="${wall_med[6]}" -v zd="${wall_med[7]}" \
    -v plain="${wall_med[1]}" -v notes="${wall_med[8]}" -v ps="$size" -v ns="$notes_size" 'BEGIN {
  printf "target gzip: retain FILE.gz <= zcat FILE.gz | retain - %s (%.2f s vs %.2f s)\n",
         gz <= zc ? "yes" : "NO", gz, zc
  printf "target zstd: retain FILE.zst <= zstd -dc FILE.zst | retain - %s (%.2f s vs %.2f s)\n",
         zs <= zd ? "yes" : "NO", zs, zd
  per_byte = (notes / ns) / (plain / ps)
  printf "target notes: time per byte with a multi-line note on every row <= 1.5x plain %s (%.2fx)\n",
         per_byte <= 1.5 ? "yes" : "NO", per_byte
}'
awk -v c="${rss_med[9]}" -v m="${rss_med[1]}" -v cw="${wall_med[9]}" -v mw="${wall_med[1]}" 'BEGIN {
  printf "target customers: peak RSS <= 1.5x retain metrics (file) %s (%.2fx; wall %.2fx)\n",
         c / m <= 1.5 ? "yes" : "NO", c / m, cw / mw
}'
predict_goals 1 10 11
exit 0
