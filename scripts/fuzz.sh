#!/usr/bin/env bash
# Fuzzes parse_launch with libFuzzer (clang, ASan + UBSan) for a bounded time
# and fails on any crash, sanitizer report, leak, timeout or escaped exception.
#   bash scripts/fuzz.sh            -> 60 s
#   bash scripts/fuzz.sh 600        -> 10 min (or GSTMINI_FUZZ_SECONDS=600)
# Seeds come from fuzz/corpus/ (read only); what libFuzzer finds goes to
# build-fuzz/corpus/, a crashing input to build-fuzz/artifacts/ — rerun it with
#   build-fuzz/fuzz/parse_launch_fuzz build-fuzz/artifacts/crash-...
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SECONDS_TO_RUN="${1:-${GSTMINI_FUZZ_SECONDS:-60}}"
JOBS="${GSTMINI_JOBS:-$(nproc 2>/dev/null || echo 2)}"
BUILD_DIR="build-fuzz"

bash "$ROOT/scripts/setup.sh"

LAUNCHER=()
if command -v ccache >/dev/null 2>&1; then LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

echo "== configure ($BUILD_DIR: clang, libFuzzer, ASan + UBSan)"
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSTMINI_FUZZ=ON \
  -DGSTMINI_SANITIZE=address,undefined -DGSTMINI_BUILD_TESTS=OFF "${LAUNCHER[@]}"

echo "== build ($BUILD_DIR, -j$JOBS)"
cmake --build "$BUILD_DIR" -j "$JOBS" --target parse_launch_fuzz

mkdir -p "$BUILD_DIR/corpus" "$BUILD_DIR/artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
echo "== fuzz parse_launch for ${SECONDS_TO_RUN}s"
"$BUILD_DIR/fuzz/parse_launch_fuzz" "$BUILD_DIR/corpus" fuzz/corpus \
  -dict=fuzz/launch.dict -max_len=512 -timeout=20 -rss_limit_mb=4096 \
  -max_total_time="$SECONDS_TO_RUN" -print_final_stats=1 \
  -artifact_prefix="$BUILD_DIR/artifacts/"
echo "== fuzz: no crash in ${SECONDS_TO_RUN}s"
