#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium (Debian's, /usr/bin/chromium) driven by the
# pinned puppeteer-core, installed from the npm registry into BUILD/browser-test (never a browser
# download). For the bundled sample, a hostile input and, where present, a real export of
# ../shared/datasets, check_report.js checks the rendered page against retain's CSV output.
# Skipped (ctest shows it) where chromium, node or npm is missing.
# Usage: report_browser_test.sh RETAIN SOURCE_DIR BUILD_DIR DATASETS_DIR
set -euo pipefail
retain=$1 source=$2 build=$3 datasets=$4
chromium=${CHROMIUM:-/usr/bin/chromium}
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (scripts/install-deps.sh --ci)"; exit 0; }
done
[ -x "$chromium" ] || { echo "skipped: $chromium is not installed (scripts/install-deps.sh --ci)"; exit 0; }

work="$build/browser-test"
mkdir -p "$work"
if ! cmp -s "$source/tests/browser/package.json" "$work/package.json" || [ ! -d "$work/node_modules/puppeteer-core" ]; then
  cp "$source/tests/browser/package.json" "$work/package.json"
  (cd "$work" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

# One case: a report, and the CSVs it must agree with. Run in the case's folder on a link named
# as the input, so that the page shows the command as a person types it.
run_case() {  # name, input, optional --group-by column
  local name=$1 input=$2 group=${3:-}
  local dir="$work/$name" file
  file=$(basename "$input")
  mkdir -p "$dir"
  rm -f "$dir/groups.csv"
  ln -sf "$input" "$dir/$file"
  (
    cd "$dir"
    if [ -n "$group" ]; then
      "$retain" report "$file" --group-by "$group" -q -o report.html
      "$retain" metrics "$file" -q --group-by "$group" -f csv -o groups.csv
    else
      "$retain" report "$file" -o report.html
    fi
    "$retain" metrics "$file" -q -f csv -o metrics.csv
    "$retain" summary "$file" -q -f csv -o summary.csv
    "$retain" cohorts "$file" -q -f csv --wide -o cohorts.csv
  ) >&2
  echo "$dir"
}

cases=()
cases+=("$(run_case sample "$source/data/orders.csv")")
cases+=("$(run_case hostile "$source/tests/cli/inputs/report/hostile.csv" country)")
real="$datasets/shopify_real_store_pseudonymized/orders_export_1.csv"
if [ -f "$real" ]; then
  cases+=("$(run_case shopify "$real")")
else
  echo "note: $real is absent: the real export's report is not checked"
fi
cd "$work"
CHROMIUM="$chromium" SCREENSHOTS="$build" node "$source/tests/browser/check_report.js" "${cases[@]}"
