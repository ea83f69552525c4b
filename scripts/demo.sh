#!/usr/bin/env bash
# The main-job command: install deps, build (same config as scripts/test.sh so
# build/ is shared), then run the live-pipeline example with any arguments.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JOBS="${GSTMINI_JOBS:-$(nproc 2>/dev/null || echo 2)}"

bash "$ROOT/scripts/setup.sh" >&2
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSTMINI_WERROR=ON \
  -DGSTMINI_SANITIZE= >&2
cmake --build build -j "$JOBS" >&2

export GSTMINI_DEBUG="${GSTMINI_DEBUG:-*:3,fakesink:5,videotestsrc:5,queue:5}"
exec "$ROOT/build/examples/02_live_pipeline" "$@"
