#!/usr/bin/env bash
# Soak (not CI): the lifecycle tests for ~10 minutes in one process each, and
# the integrity check at 1,000,000 buffers per source; prints what grew.
#
#   bash scripts/soak.sh                 # ~10 minutes of lifecycle + integrity
#   SOAK_SECONDS=60 bash scripts/soak.sh # shorter
#
# Each lifecycle case runs its cycles until its share of SOAK_SECONDS is
# used up, then compares threads, fds, heap and RSS with what it held after
# its first 10 cycles (margins in tests/lifecycle_test.cpp); the lines it
# prints are the growth report. Uses build/ (RelWithDebInfo).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SOAK_SECONDS="${SOAK_SECONDS:-600}"
JOBS="${GSTMINI_JOBS:-2}"

if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSTMINI_WERROR=ON
fi
cmake --build build -j "$JOBS" --target gstmini_tests
unset GSTMINI_DEBUG

# Three lifecycle cases share the time; the 200-pipeline case's rounds too.
PER_CASE=$((SOAK_SECONDS / 3))
status=0
echo "== lifecycle: ${PER_CASE} s per case"
GSTMINI_LIFECYCLE_CYCLES=100000000 GSTMINI_LIFECYCLE_SECONDS="$PER_CASE" \
  build/gstmini_tests "[lifecycle]" --durations yes || status=1

echo "== integrity: 1,000,000 buffers per source"
GSTMINI_INTEGRITY_BUFFERS=1000000 \
  build/gstmini_tests "[integrity]" --durations yes || status=1

if [ "$status" -eq 0 ]; then echo "soak: passed"; else echo "soak: FAILED"; fi
exit "$status"
