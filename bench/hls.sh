#!/usr/bin/env bash
# The flagship pipeline, not live, side by side with GStreamer:
#   <600 frames 1280x720 I420 30/1> ! x264enc speed-preset=ultrafast tune=zerolatency
#     ! mpegtsmux ! <HLS sink, 2 s segments>
#
#   bash bench/hls.sh
#   BENCH_RUNS=5 BENCH_FRAMES=600 bash bench/hls.sh
#
# Sources: GStreamer's videotestsrc, gstmini's livesrc is-live=false (until
# videotestsrc is merged). Two contents, since x264's cost depends on it:
#   uniform  videotestsrc pattern=black  vs  livesrc pattern=zero
#            (x264 almost idle: the runtimes' own cost dominates)
#   moving   videotestsrc pattern=smpte  vs  livesrc pattern=gradient
#            (different pictures: indicative only)
# Sinks: GStreamer's hlssink (v1: takes MPEG-TS, as gstmini's hlssink2 does;
# GStreamer's hlssink2 takes H.264 and muxes inside) vs gstmini's hlssink2.
# Same x264 settings on both sides (libx264 164 from Debian, threads auto).
#
# Figures: median of BENCH_RUNS whole-process runs: frames/s = N / elapsed,
# CPU = user + sys from /usr/bin/time, peak RSS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${BENCH_RUNS:-3}"
N="${BENCH_FRAMES:-600}"

[ -f build/build.ninja ] ||
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSTMINI_WERROR=ON >&2
cmake --build build -j1 --target gstmini-launch gstmini_plugins >&2

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
unset GSTMINI_DEBUG GST_DEBUG

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure CMD...: sets RATE (frames/s), CPU (s) and RSS (MB), medians.
measure() {
  local rates=() cpus=() rsss=() start end
  for _ in $(seq "$RUNS"); do
    rm -rf "$TMP/out" && mkdir "$TMP/out"
    start=$EPOCHREALTIME
    /usr/bin/time -f "%U %S %M" -o "$TMP/time" "$@" > "$TMP/log" 2>&1 ||
      { echo "failed: $*" >&2; cat "$TMP/log" >&2; exit 1; }
    end=$EPOCHREALTIME
    read -r user sys rss < "$TMP/time"
    rates+=("$(awk -v n="$N" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", n / (e - s) }')")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
    rsss+=("$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')")
  done
  RATE=$(median "${rates[@]}")
  CPU=$(median "${cpus[@]}")
  RSS=$(median "${rsss[@]}")
}

CAPS="video/x-raw,format=I420,width=1280,height=720,framerate=30/1"
ENC="x264enc speed-preset=ultrafast tune=zerolatency"
ROW="%-34s %10s %8s %8s %9s\n"
bench() {
  local name="$1" gst_pattern="$2" mini_pattern="$3"
  measure gst-launch-1.0 -q videotestsrc num-buffers="$N" pattern="$gst_pattern" ! "$CAPS" ! \
    $ENC ! mpegtsmux ! hlssink target-duration=2 max-files=0 playlist-length=0 \
    location="$TMP/out/segment%05d.ts" playlist-location="$TMP/out/playlist.m3u8"
  local gst=$RATE
  printf "$ROW" "gst-launch: $name" "$RATE" "x1.00" "$CPU" "${RSS}MB"
  measure build/tools/gstmini-launch -q livesrc is-live=false num-buffers="$N" \
    pattern="$mini_pattern" ! "$CAPS" ! $ENC ! mpegtsmux ! hlssink2 target-duration=2 \
    max-files=0 playlist-length=0 location="$TMP/out/segment%05d.ts" \
    playlist-location="$TMP/out/playlist.m3u8"
  printf "$ROW" "gstmini: $name" "$RATE" \
    "x$(awk -v a="$RATE" -v b="$gst" 'BEGIN { printf "%.2f", a / b }')" "$CPU" "${RSS}MB"
}

echo "== HLS flagship, not live: $N frames 1280x720, median of $RUNS runs (nproc $(nproc), $(gst-launch-1.0 --version | head -1))"
printf "$ROW" "pipeline" "frames/s" "vs gst" "cpu s" "peak RSS"
bench "uniform frames" black zero
bench "moving frames" smpte gradient
