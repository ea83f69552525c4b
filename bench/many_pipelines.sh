#!/usr/bin/env bash
# Threads and idle CPU of N live pipelines in one process, gstmini against
# GStreamer (issue 9's table; results in docs/runtime.md).
#
#   bash bench/many_pipelines.sh                    # N = 1 10 100 1000
#   BENCH_COUNTS="1 10" BENCH_SECONDS=10 bash bench/many_pipelines.sh
#
# For each N:
#  - gstmini: build/bench/bench_many_pipelines --pipelines N: N pipelines
#    `fakesrc is-live=true buffer-duration=33333333 ! fakesink sync=true`
#    (30 buffers/s each) in one process, all sharing the one runtime.
#  - GStreamer: ONE gst-launch-1.0 process holding N chains
#    `videotestsrc is-live=true ! fakesink sync=true` (the issue's line:
#    320x240 frames painted at 30 fps), and the same with near-empty frames
#    (`videotestsrc is-live=true pattern=black ! video/x-raw,width=16,height=16
#    ! fakesink sync=true`) so that painting pixels is not what is compared.
# Both are measured the same way: after PLAYING and a warm-up of
# BENCH_WARMUP s (default 2), CPU time (utime + stime of /proc/PID/stat)
# over BENCH_SECONDS s (default 10) of wall time, in % of one core, and the
# thread count (/proc/PID/task). gstmini also reports render lateness
# (median / p99 over every render of every sink).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

COUNTS="${BENCH_COUNTS:-1 10 100 1000}"
SECONDS_MEASURED="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-2}"
JOBS="${GSTMINI_JOBS:-2}"
TICKS="$(getconf CLK_TCK)"

if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSTMINI_WERROR=ON >&2
fi
cmake --build build -j "$JOBS" --target bench_many_pipelines >&2
unset GSTMINI_DEBUG GST_DEBUG

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# cpu_ticks PID: utime + stime of the process.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# gst_run LABEL N CHAIN: one gst-launch-1.0 with N copies of CHAIN.
gst_run() {
  local label="$1" n="$2" chain="$3" args=() i
  for ((i = 0; i < n; i++)); do
    # shellcheck disable=SC2206
    args+=($chain)
  done
  gst-launch-1.0 "${args[@]}" >"$TMP/gst.out" 2>&1 &
  local pid=$! waited=0
  until grep -q "Setting pipeline to PLAYING" "$TMP/gst.out"; do
    sleep 0.2
    waited=$((waited + 1))
    if [ "$waited" -gt 900 ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "gst-launch-1.0 with $n chains did not reach PLAYING" >&2
      kill -9 "$pid" 2>/dev/null || true
      return 1
    fi
  done
  sleep "$WARMUP"
  local t0 c0 c1 t1 threads
  t0="$(date +%s.%N)"
  c0="$(cpu_ticks "$pid")"
  sleep "$(awk -v s="$SECONDS_MEASURED" 'BEGIN { print s / 2 }')"
  threads="$(ls "/proc/$pid/task" | wc -l)"
  sleep "$(awk -v s="$SECONDS_MEASURED" 'BEGIN { print s / 2 }')"
  c1="$(cpu_ticks "$pid")"
  t1="$(date +%s.%N)"
  kill -INT "$pid"
  wait "$pid" || true
  awk -v l="$label" -v n="$n" -v th="$threads" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" \
    -v hz="$TICKS" 'BEGIN { printf "%s pipelines=%d threads=%d cpu_pct=%.1f\n", l, n, th,
                            100 * (c1 - c0) / hz / (t1 - t0) }'
}

# field LINE KEY: the value of KEY=... in LINE.
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

printf '%-8s | %-32s | %-32s | %-32s\n' "N" "gstmini: threads, CPU, late p50/p99" \
  "gst videotestsrc: threads, CPU" "gst 16x16 black: threads, CPU"
for n in $COUNTS; do
  mini="$(build/bench/bench_many_pipelines --pipelines "$n" --seconds "$SECONDS_MEASURED" \
    --warmup "$WARMUP")"
  echo "$mini" >&2
  gst_default="$(gst_run gst-videotestsrc "$n" "videotestsrc is-live=true ! fakesink sync=true")"
  echo "$gst_default" >&2
  gst_small="$(gst_run gst-black16 "$n" \
    "videotestsrc is-live=true pattern=black ! video/x-raw,width=16,height=16 ! fakesink sync=true")"
  echo "$gst_small" >&2
  printf '%-8s | %-32s | %-32s | %-32s\n' "$n" \
    "$(field "$mini" threads), $(field "$mini" cpu_pct)%, $(field "$mini" late_median_us)/$(field "$mini" late_p99_us) us" \
    "$(field "$gst_default" threads), $(field "$gst_default" cpu_pct)%" \
    "$(field "$gst_small" threads), $(field "$gst_small" cpu_pct)%"
done
