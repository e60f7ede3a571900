#!/usr/bin/env bash
# The engines test of retain sql: installs the pinned npm packages of tests/sql/package.json
# (@duckdb/node-api, chdb, node-sql-parser) into BUILD/sql-node, once, never into the source tree,
# then runs tests/sql/engines_test.mjs, which starts PostgreSQL and MariaDB itself.
#   run_engines_test.sh RETAIN SOURCE_DIR BUILD_DIR DATASETS_DIR
# Skipped (ctest shows it) where node or npm is missing.
set -euo pipefail
retain=$1 source=$2 build=$3 datasets=$4
for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    # CI installs them (.ci/run sets RETAIN_REQUIRE_ENGINES=1): there a skip would hide a missing
    # install step.
    [ "${RETAIN_REQUIRE_ENGINES:-}" = 1 ] && { echo "$tool is not installed"; exit 1; }
    echo "skipped: $tool is not installed (scripts/install-deps.sh --ci)"; exit 0
  fi
done
work=$build/sql-node
mkdir -p "$work"
if ! cmp -s "$source/tests/sql/package.json" "$work/package.json" || [ ! -d "$work/node_modules/chdb" ]; then
  cp "$source/tests/sql/package.json" "$work/package.json"
  (cd "$work" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
exec node "$source/tests/sql/engines_test.mjs" "$retain" "$source" "$datasets" "$work"
