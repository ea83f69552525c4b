#!/usr/bin/env bash
# Builds the API reference from the public headers with Doxygen, warnings as
# errors (CI runs it). Output: build/docs/html/index.html.
#
#   bash scripts/docs.sh [BUILD_DIR]      (default build/; configured if needed
#                                          for the generated <gstmini/version.hpp>)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
command -v doxygen >/dev/null || { echo "docs.sh: doxygen is not installed (scripts/deps/docs.txt)" >&2; exit 1; }
if [ ! -f "$BUILD/include/gstmini/version.hpp" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja > /dev/null
fi
VERSION="$(sed -n 's/^#define GSTMINI_VERSION_STRING "\(.*\)"/\1/p' "$BUILD/include/gstmini/version.hpp")"
OUT="$BUILD/docs"
rm -rf "$OUT"
mkdir -p "$OUT"
sed -e "s|@ROOT@|$ROOT|g" -e "s|@BUILD@|$BUILD|g" -e "s|@OUTPUT@|$OUT|g" \
    -e "s|@VERSION@|$VERSION|g" -e "s|@VERSION_HEADER@|$BUILD/include/gstmini/version.hpp|g" \
    "$ROOT/docs/Doxyfile.in" > "$OUT/Doxyfile"
if ! doxygen "$OUT/Doxyfile"; then
  echo "docs.sh: doxygen failed; warnings:" >&2
  cat "$OUT/warnings.log" >&2
  exit 1
fi
if [ -s "$OUT/warnings.log" ]; then
  cat "$OUT/warnings.log" >&2
  echo "docs.sh: FAILED: $(wc -l < "$OUT/warnings.log") warning line(s)" >&2
  exit 1
fi
echo "docs.sh: API reference in $OUT/html/index.html (doxygen $(doxygen --version), no warnings)"
