#!/usr/bin/env bash
# xlsx workbooks read back by an independent reader (openpyxl, Debian python3-openpyxl): each
# report in xlsx has the cells of the same report in CSV, with the types and number formats of
# its columns, a frozen header and an autofilter (xlsx_check.py). Skipped where no python3 has
# openpyxl.
# Usage: xlsx_read_test.sh RETAIN SOURCE_DIR WORK_DIR
set -euo pipefail
retain=$1 source=$2 work=$3
python=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import openpyxl' 2>/dev/null; then python=$p; break; fi
done
[ -n "$python" ] || { echo "skipped: no python3 with openpyxl (Debian: python3-openpyxl)"; exit 0; }
mkdir -p "$work"
sample="$source/data/orders.csv"
hostile="$source/tests/cli/inputs/adv/hostile_text.csv"
pairs=()
export_pair() {  # name, then the arguments of one report
  local name=$1
  shift
  "$retain" "$@" -q -f csv -o "$work/$name.csv"
  "$retain" "$@" -q -o "$work/$name.xlsx"   # the extension picks xlsx
  pairs+=("$work/$name")
}
export_pair metrics metrics "$sample"
export_pair metrics_groups metrics "$sample" --group-by status --window quarter
export_pair summary summary "$sample"
export_pair summary_quarters summary "$sample" --window quarter
export_pair cohorts cohorts "$sample"
export_pair cohorts_wide cohorts "$sample" --wide
export_pair cohorts_revenue cohorts "$sample" --wide --metric revenue
export_pair customers customers "$sample"
export_pair customers_weeks customers "$sample" --time-unit weeks
export_pair hostile_customers customers "$hostile"
export_pair hostile_groups metrics "$hostile" --group-by shop
"$retain" report "$sample" -q -o "$work/report.xlsx"
"$python" "$source/tests/xlsx_check.py" "$work/report.xlsx" "${pairs[@]}"
