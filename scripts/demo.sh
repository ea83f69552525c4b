#!/usr/bin/env bash
# The main-job command: install deps, build (same config as scripts/test.sh so
# build/ is shared), then run the flagship: example 02 with a queue.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JOBS="${GSTMINI_JOBS:-$(nproc 2>/dev/null || echo 2)}"

bash "$ROOT/scripts/setup.sh" >&2
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSTMINI_WERROR=ON \
  -DGSTMINI_SANITIZE= >&2
cmake --build build -j "$JOBS" >&2

# The flagship: a camera-like live source -> queue -> fakesink synced to the
# pipeline clock, 10 frames/s for 2 s, with the call-stack flow log (LOG
# level: PUSHING / RECEIVED / RETURNING) and each render's running time,
# clock time and lateness. Arguments replace the defaults: [framerate] [seconds].
export GSTMINI_DEBUG="${GSTMINI_DEBUG:-*:3,pipeline:4,livesrc:6,queue:6,fakesink:6}"
if [ $# -eq 0 ]; then set -- 10/1 2; fi
exec "$ROOT/build/examples/02_live_pipeline" --queue "$@"
