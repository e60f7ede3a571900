#!/usr/bin/env bash
# The .deb: built by cpack from a release build folder (default build/), unpacked into a clean
# prefix (dpkg -x: no root, nothing else on the machine touched), and run from there: the
# binary prints its version, `man -w retain` finds the man page it installs, and the bash, zsh
# and fish completions are where those shells look (and parse, for the shells that are installed).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
fail() { echo "deb_test: $*" >&2; exit 1; }
rm -f "$build"/retain_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/retain_*.deb)
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
dpkg -x "$deb" "$prefix"
version=$(sed -n 's/^project(retain VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ "$("$prefix/usr/bin/retain" --version)" = "retain $version" ] || fail "retain --version is not retain $version"
page=$(MANPATH="$prefix/usr/share/man" man -w retain) || fail "man -w retain finds no page"
[ "$page" = "$prefix/usr/share/man/man1/retain.1.gz" ] || fail "man -w retain found $page"
MANPATH="$prefix/usr/share/man" MANWIDTH=100 man retain 2>/dev/null | grep -q "retain cohorts\|cohorts" ||
  fail "the man page has no cohorts section"
for file in bash-completion/completions/retain zsh/site-functions/_retain \
  fish/vendor_completions.d/retain.fish; do
  [ -s "$prefix/usr/share/$file" ] || fail "no $file in the package"
done
bash -n "$prefix/usr/share/bash-completion/completions/retain"
if command -v zsh >/dev/null; then zsh -n "$prefix/usr/share/zsh/site-functions/_retain"; fi
if command -v fish >/dev/null; then fish -n "$prefix/usr/share/fish/vendor_completions.d/retain.fish"; fi
dpkg-deb -f "$deb" Depends | grep -q libfmt || fail "the package does not depend on libfmt"
echo "deb_test: $(basename "$deb") installs retain $version, its man page and completions"
