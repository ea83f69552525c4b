#!/usr/bin/env bash
# Raw video, side by side with GStreamer: the same launch line through
# gst-launch-1.0 and gstmini-launch, whole process under /usr/bin/time.
#
#   bash bench/video.sh                 # N=300 frames, 3 runs each, medians
#   BENCH_FRAMES=600 BENCH_RUNS=5 bash bench/video.sh
#
# Lines (1080p I420 from videotestsrc, converted to RGB; then also scaled
# to 640x360):
#   videotestsrc num-buffers=N ! video/x-raw,format=I420,width=1920,height=1080
#     ! videoconvert ! video/x-raw,format=RGB ! fakesink
#   ... ! videoconvert ! videoscale ! video/x-raw,format=RGB,width=640,height=360 ! fakesink
# fps = N / elapsed; cpu = user + sys seconds. ratio = gstmini fps / GStreamer fps.
# Uses build/ as it is (build it first: cmake --build build).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${BENCH_FRAMES:-300}"
RUNS="${BENCH_RUNS:-3}"
LAUNCH="$ROOT/build/tools/gstmini-launch"
[ -x "$LAUNCH" ] || { echo "build/tools/gstmini-launch is missing: build first" >&2; exit 1; }
command -v gst-launch-1.0 >/dev/null || { echo "gst-launch-1.0 is missing (scripts/deps/video.txt)" >&2; exit 1; }

SRC="videotestsrc num-buffers=$N ! video/x-raw,format=I420,width=1920,height=1080"
LINES=(
  "$SRC ! videoconvert ! video/x-raw,format=RGB ! fakesink"
  "$SRC ! videoconvert ! videoscale ! video/x-raw,format=RGB,width=640,height=360 ! fakesink"
)

# One run: prints "elapsed cpu" in seconds.
run_once() {
  local tmp
  tmp=$(mktemp)
  /usr/bin/time -f "%e %U %S" -o "$tmp" "$@" >/dev/null 2>&1
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$tmp"
  rm -f "$tmp"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

measure() {  # tool line -> "fps cpu" (medians)
  local tool="$1" line="$2" e=() c=() i r
  for ((i = 0; i < RUNS; i++)); do
    # shellcheck disable=SC2086
    r=$(run_once "$tool" -q $line)
    e+=("${r% *}")
    c+=("${r#* }")
  done
  local el cpu
  el=$(printf "%s\n" "${e[@]}" | median)
  cpu=$(printf "%s\n" "${c[@]}" | median)
  awk -v n="$N" -v e="$el" -v c="$cpu" 'BEGIN { printf "%.1f %.2f\n", n / e, c }'
}

printf "%-12s %10s %8s %10s %8s %7s\n" "line" "gst fps" "gst cpu" "mini fps" "mini cpu" "ratio"
names=("convert" "convert+scale")
for k in "${!LINES[@]}"; do
  g=$(measure gst-launch-1.0 "${LINES[$k]}")
  m=$(measure "$LAUNCH" "${LINES[$k]}")
  awk -v name="${names[$k]}" -v g="$g" -v m="$m" 'BEGIN {
    split(g, a, " "); split(m, b, " ");
    printf "%-12s %10.1f %8.2f %10.1f %8.2f %6.2fx\n", name, a[1], a[2], b[1], b[2], b[1] / a[1] }'
done
echo "(N=$N frames, median of $RUNS runs; cpu = user+sys seconds)"
