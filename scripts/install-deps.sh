#!/bin/sh
# Installs what building and testing retain needs on Debian 12 (bookworm), all from Debian's
# packages: a C++17 compiler, CMake, CLI11, fast-cpp-csv-parser, fmt, Catch2 v2, and zlib and
# zstd for compressed inputs, for `retain predict` Boost (header-only: lgamma, digamma) and
# NLopt (L-BFGS and Nelder-Mead), and libxlsxwriter (found with pkg-config) for --format xlsx.
# With --ci it adds what CI's extra runs need: clang and its sanitizer and libFuzzer runtimes
# (libclang-rt-14-dev) for the clang sanitizer build and the libFuzzer targets, python3 for
# the test that parses JSON reports as strict JSON, for .ci/deb_test.sh dpkg-dev (cpack's
# dependency list), man-db (man -w) and zsh and fish (the completions parse); chromium (and
# Node.js with npm, unless a node is installed already) for the browser test of the HTML report,
# which installs the pinned puppeteer-core from the npm registry into the build folder;
# python3-openpyxl for the test that reads xlsx workbooks back; postgresql and mariadb-server
# (with their clients psql and mariadb) for the test that runs retain sql's queries on them
# (it starts each server in a temporary folder and installs its npm packages, DuckDB, chDB and
# node-sql-parser, into the build folder).
set -eu
packages="g++ make cmake pkg-config libcli11-dev libfccp-dev libfmt-dev catch2 zlib1g-dev libzstd-dev libboost-dev libnlopt-cxx-dev libxlsxwriter-dev"
if [ "${1:-}" = "--ci" ]; then
  packages="$packages clang libclang-rt-14-dev python3 dpkg-dev man-db zsh fish python3-openpyxl chromium postgresql mariadb-server mariadb-client"
  command -v npm >/dev/null 2>&1 || packages="$packages nodejs npm"
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
