#!/usr/bin/env bash
# The flagship, for real: the blog's pipeline
#   live camera (30 fps) -> queue -> x264enc tune=zerolatency -> mpegtsmux -> hlssink2
# writing an HLS stream (H.264 in MPEG-TS segments + playlist) into a local
# folder for a few seconds, with the call-stack flow log. Installs deps and
# builds first (same configuration as scripts/test.sh, so build/ is shared).
#
#   bash scripts/demo.sh                 # 6 s into ./hls-out, 2 s segments
#   bash scripts/demo.sh 10 /tmp/hls 4   # [seconds] [folder] [target-duration]
#
# GSTMINI_DEBUG changes the log (default: hlssink2 and the pipeline at
# INFO, the queue's and encoder's pushes at LOG level: PUSHING / RECEIVED /
# RETURNING, the blog's call stack as messages).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JOBS="${GSTMINI_JOBS:-$(nproc 2>/dev/null || echo 2)}"

bash "$ROOT/scripts/setup.sh" >&2
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSTMINI_WERROR=ON \
  -DGSTMINI_SANITIZE= >&2
cmake --build build -j "$JOBS" --target 10_hls_flagship >&2

SECONDS_TO_RUN="${1:-6}"
FOLDER="${2:-hls-out}"
TARGET="${3:-2}"
rm -rf "$FOLDER"

export GSTMINI_DEBUG="${GSTMINI_DEBUG:-*:3,pipeline:4,hlssink2:4,queue:6,encoder:6,x264enc:6,mpegtsmux:5}"
"$ROOT/build/examples/10_hls_flagship" "$SECONDS_TO_RUN" "$FOLDER" "$TARGET"

PLAYLIST="$(cd "$FOLDER" && pwd)/playlist.m3u8"
cat <<MSG

The stream is in $FOLDER/ ($(ls "$FOLDER" | grep -c '\.ts$') segments). Play it:
  ffplay "$PLAYLIST"
or in a browser (hls.js, served on 127.0.0.1 by a local HTTP server):
  bash scripts/hls-page.sh "$FOLDER"
Check it:
  ffprobe -v error -count_frames -show_entries stream=codec_name,width,height,nb_read_frames "$PLAYLIST"
MSG
