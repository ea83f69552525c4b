#!/usr/bin/env bash
# The single test command: install deps, configure, build, run ctest.
#   bash scripts/test.sh              -> build/      (RelWithDebInfo, -Werror)
#   bash scripts/test.sh --sanitize   -> build-asan/ (ASan+UBSan, -O1 -g)
#   GSTMINI_SANITIZE=address,undefined bash scripts/test.sh   (same as --sanitize)
#   bash scripts/test.sh --tsan       -> build-tsan/ (ThreadSanitizer: the CAF-free "[tsan]"
#                                        tests, in their own small binary
#                                        gstmini_tsan_tests; Debian's CAF is not
#                                        TSan-instrumented)
#   GSTMINI_TSAN_ACTORS=1 bash scripts/test.sh --tsan
#                                     -> also the actor lifecycle, integrity, runtime and
#                                        teardown tests, with scripts/tsan.supp (what it
#                                        hides is written there). CI runs this form.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SANITIZE="${GSTMINI_SANITIZE:-}"
for arg in "$@"; do
  case "$arg" in
    --sanitize) SANITIZE="address,undefined" ;;
    --tsan) SANITIZE="thread" ;;
    *) echo "test.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

JOBS="${GSTMINI_JOBS:-$(nproc 2>/dev/null || echo 2)}"

bash "$ROOT/scripts/setup.sh"

if [ -z "$SANITIZE" ]; then
  BUILD_DIR="build"
  CONFIG_ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSTMINI_SANITIZE=)
else
  case "$SANITIZE" in
    thread) BUILD_DIR="build-tsan" ;;
    *)      BUILD_DIR="build-asan" ;;
  esac
  # Debug keeps assert() on; -O1 keeps sanitized runs reasonably fast.
  CONFIG_ARGS=(-DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g"
               "-DGSTMINI_SANITIZE=$SANITIZE" -DGSTMINI_BUILD_BENCH=OFF)
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
  export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/scripts/lsan.supp}"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
  export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$ROOT/scripts/tsan.supp}"
fi

echo "== configure ($BUILD_DIR, sanitize='${SANITIZE}')"
cmake -S . -B "$BUILD_DIR" -G Ninja -DGSTMINI_WERROR=ON "${CONFIG_ARGS[@]}"

echo "== build ($BUILD_DIR, -j$JOBS)"
if [ "$SANITIZE" = thread ]; then
  # The TSan stage runs only the concurrency tests' binary: other tests,
  # plugins, examples and benches are built and run by the other stages.
  cmake --build "$BUILD_DIR" -j "$JOBS" --target gstmini_tsan_tests
else
  cmake --build "$BUILD_DIR" -j "$JOBS"
fi

echo "== test ($BUILD_DIR)"
if [ "$SANITIZE" = thread ]; then
  # TSan runs code 5-15x slower: the lifecycle and integrity tests run smaller.
  export GSTMINI_LIFECYCLE_CYCLES="${GSTMINI_LIFECYCLE_CYCLES:-200}"
  export GSTMINI_LIFECYCLE_PIPELINES="${GSTMINI_LIFECYCLE_PIPELINES:-100}"
  export GSTMINI_INTEGRITY_BUFFERS="${GSTMINI_INTEGRITY_BUFFERS:-20000}"
  if [ "${GSTMINI_TSAN_ACTORS:-0}" = 1 ]; then
    timeout 1200 "$BUILD_DIR/gstmini_tsan_tests" "[tsan],[runtime],[teardown]"
  else
    timeout 1200 "$BUILD_DIR/gstmini_tsan_tests" "[tsan]~[lifecycle]~[integrity]"
  fi
else
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" --timeout 120 --no-tests=error
fi
