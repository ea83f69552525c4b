#!/usr/bin/env bash
# Fuzzes parse_launch and caps with libFuzzer (clang, ASan + UBSan) for a
# bounded time and fails on any crash, sanitizer report, leak, timeout,
# escaped exception or broken caps property (see fuzz/caps_fuzz.cpp).
#   bash scripts/fuzz.sh            -> 70 s: 40 s parse_launch, 30 s caps
#   bash scripts/fuzz.sh 600        -> 10 min, split the same way 4:3
#                                      (or GSTMINI_FUZZ_SECONDS=600)
# Seeds come from fuzz/corpus/ and fuzz/caps_corpus/ (read only); what
# libFuzzer finds goes to build-fuzz/corpus/ and build-fuzz/caps_corpus/, a
# crashing input to build-fuzz/artifacts/ — rerun it with
#   build-fuzz/fuzz/parse_launch_fuzz build-fuzz/artifacts/crash-...
#   build-fuzz/fuzz/caps_fuzz build-fuzz/artifacts/caps-crash-...
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SECONDS_TO_RUN="${1:-${GSTMINI_FUZZ_SECONDS:-70}}"
LAUNCH_SECONDS=$((SECONDS_TO_RUN * 4 / 7))
CAPS_SECONDS=$((SECONDS_TO_RUN - LAUNCH_SECONDS))
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
cmake --build "$BUILD_DIR" -j "$JOBS" --target parse_launch_fuzz caps_fuzz

mkdir -p "$BUILD_DIR/corpus" "$BUILD_DIR/caps_corpus" "$BUILD_DIR/artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
echo "== fuzz parse_launch for ${LAUNCH_SECONDS}s"
"$BUILD_DIR/fuzz/parse_launch_fuzz" "$BUILD_DIR/corpus" fuzz/corpus \
  -dict=fuzz/launch.dict -max_len=512 -timeout=20 -rss_limit_mb=4096 \
  -max_total_time="$LAUNCH_SECONDS" -print_final_stats=1 \
  -artifact_prefix="$BUILD_DIR/artifacts/"
echo "== fuzz caps for ${CAPS_SECONDS}s"
"$BUILD_DIR/fuzz/caps_fuzz" "$BUILD_DIR/caps_corpus" fuzz/caps_corpus \
  -dict=fuzz/caps.dict -max_len=256 -timeout=10 -rss_limit_mb=2048 \
  -max_total_time="$CAPS_SECONDS" -print_final_stats=1 \
  -artifact_prefix="$BUILD_DIR/artifacts/caps-"
echo "== fuzz: no crash in ${SECONDS_TO_RUN}s"
