#!/usr/bin/env bash
# Image benchmarks, side by side with GStreamer's gst-launch-1.0: the same
# launch line run by gst-launch-1.0 and by gstmini-launch, whole process
# (start-up included) under /usr/bin/time; frames/s = frames / elapsed and
# CPU seconds = user + sys. Median of BENCH_RUNS runs (default 3).
#
#   bash bench/images.sh
#   BENCH_RUNS=5 BENCH_FRAMES=60 bash bench/images.sh
#
# 1. pngdec: `filesrc location=big.png ! pngdec ! fakesink` where big.png
#    holds BENCH_PNG_COPIES (default 10) 3840x2160 RGB PNGs back to back
#    (a stream of PNGs: both pngdecs give one frame per image). The picture
#    is GStreamer's videotestsrc pattern=smpte with a moving ball overlay
#    (pattern=ball would compress to nothing), written by GStreamer's pngenc.
# 2. pngenc: `multifilesrc location=frame.rgb loop=true num-buffers=N
#    caps=video/x-raw,format=RGB,width=1280,height=720,framerate=30/1 !
#    pngenc ! fakesink`: the same raw frame (a videotestsrc smpte frame
#    dumped by GStreamer) encoded N times. gstmini has no videotestsrc on
#    this branch (branch rawvideo brings it); multifilesrc feeds both sides
#    the same bytes.
# 3. jpegdec / jpegenc: the same two lines with JPEG (1920x1080 I420).
#
# Uses build/ (builds gstmini-launch and the image plugin if needed).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${BENCH_RUNS:-3}"
FRAMES="${BENCH_FRAMES:-30}"
COPIES="${BENCH_PNG_COPIES:-10}"
LAUNCH="$ROOT/build/tools/gstmini-launch"

[ -x "$LAUNCH" ] || cmake --build build -j "${GSTMINI_JOBS:-1}" --target gstmini-launch gstminiimage >&2
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
unset GSTMINI_DEBUG GST_DEBUG

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# timed CMD...: sets R_ELAPSED and R_CPU (medians of $RUNS runs).
timed() {
  local es=() cs=() i
  "$@" >/dev/null 2>&1 || true  # warm-up: page cache, GStreamer's registry
  for ((i = 0; i < RUNS; i++)); do
    local t0="$EPOCHREALTIME"
    if ! /usr/bin/time -f "%U %S" -o "$TMP/time" "$@" >"$TMP/out" 2>&1; then
      echo "images.sh: failed: $*" >&2
      tail -5 "$TMP/out" >&2
      exit 1
    fi
    local t1="$EPOCHREALTIME"
    es+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
    cs+=("$(awk '{ printf "%.2f", $1 + $2 }' "$TMP/time")")
  done
  R_ELAPSED="$(median "${es[@]}")"
  R_CPU="$(median "${cs[@]}")"
}

FMT="%-10s %-14s %9s %8s %9s %12s %12s\n"
# row NAME FRAMES LINE...: the line under both launchers, one table row each.
row() {
  local name="$1" frames="$2"
  shift 2
  timed gst-launch-1.0 --quiet "$@"
  local ge="$R_ELAPSED" gc="$R_CPU"
  timed "$LAUNCH" --quiet "$@"
  local me="$R_ELAPSED" mc="$R_CPU"
  local gfps mfps
  gfps="$(awk -v n="$frames" -v e="$ge" 'BEGIN { printf "%.2f", n / e }')"
  mfps="$(awk -v n="$frames" -v e="$me" 'BEGIN { printf "%.2f", n / e }')"
  printf "$FMT" "$name" "gst-launch-1.0" "${ge}s" "${gc}s" "$gfps" "x1.00" "x1.00"
  printf "$FMT" "" "gstmini-launch" "${me}s" "${mc}s" "$mfps" \
    "$(awk -v a="$mfps" -v b="$gfps" 'BEGIN { printf "x%.2f", a / b }')" \
    "$(awk -v a="$gc" -v b="$mc" 'BEGIN { printf "x%.2f", (b > 0 ? a / b : 0) }')"
}

# Inputs, made by GStreamer itself.
gst-launch-1.0 -q videotestsrc num-buffers=1 pattern=smpte ! \
  video/x-raw,format=RGB,width=3840,height=2160 ! pngenc ! filesink location="$TMP/one.png"
for ((i = 0; i < COPIES; i++)); do cat "$TMP/one.png"; done >"$TMP/big.png"
gst-launch-1.0 -q videotestsrc num-buffers=1 pattern=smpte ! \
  video/x-raw,format=RGB,width=1280,height=720 ! filesink location="$TMP/frame.rgb"
gst-launch-1.0 -q videotestsrc num-buffers=1 pattern=smpte ! \
  video/x-raw,format=I420,width=1920,height=1080 ! filesink location="$TMP/frame.i420"
gst-launch-1.0 -q videotestsrc num-buffers=1 pattern=smpte ! \
  video/x-raw,format=I420,width=1920,height=1080 ! jpegenc ! filesink location="$TMP/one.jpg"
for ((i = 0; i < FRAMES; i++)); do cat "$TMP/one.jpg"; done >"$TMP/many.jpg"

echo "== images: median of $RUNS runs, whole process; nproc $(nproc); $(gst-launch-1.0 --version | sed -n 2p)"
echo "   PNG: $(stat -c %s "$TMP/one.png") bytes per 3840x2160 image; JPEG: $(stat -c %s "$TMP/one.jpg") bytes per 1920x1080 image"
printf "$FMT" "test" "launcher" "elapsed" "cpu" "frames/s" "fps vs gst" "cpu vs gst"
row pngdec "$COPIES" filesrc location="$TMP/big.png" ! pngdec ! fakesink
row pngenc "$FRAMES" multifilesrc location="$TMP/frame.rgb" loop=true num-buffers="$FRAMES" \
  caps=video/x-raw,format=RGB,width=1280,height=720,framerate=30/1 ! pngenc ! fakesink
row jpegdec "$FRAMES" filesrc location="$TMP/many.jpg" ! jpegdec ! fakesink
row jpegenc "$FRAMES" multifilesrc location="$TMP/frame.i420" loop=true num-buffers="$FRAMES" \
  caps=video/x-raw,format=I420,width=1920,height=1080,framerate=30/1 ! jpegenc ! fakesink
echo "(ratios > 1 favour gstmini: fps gstmini/gst, cpu gst/gstmini)"
