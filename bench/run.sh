#!/usr/bin/env bash
# Side-by-side benchmark: gstmini against GStreamer's gst-launch-1.0.
#
#   bash bench/run.sh
#   BENCH_RUNS=5 BENCH_BUFFERS=2000000 BENCH_LATENESS_SECONDS=10 bash bench/run.sh
#
# 1. Throughput: `fakesrc num-buffers=N ! fakesink sync=false`, whole process
#    (start-up included) run under /usr/bin/time -f "%e %U %S %M", for
#    gst-launch-1.0 and for bench_throughput with window 1, window 64 and
#    window 1 + buffers-per-list 64. buffers/s = N / elapsed. /usr/bin/time's
#    %e has 10 ms resolution, too coarse for the fastest runs, so "elapsed" is
#    bash's $EPOCHREALTIME around the same /usr/bin/time call (~1 ms more);
#    user, sys and max RSS come from /usr/bin/time. gstmini's own in-pipeline
#    rate (PLAYING -> EOS, no process start-up) is shown alongside.
# 2. Synced live lateness at 30 fps: gstmini's bench_lateness (fakesink
#    handoff lateness) against `videotestsrc is-live=true ! fakesink sync=true`,
#    whose lateness is read from GStreamer's own clock log: with
#    GST_DEBUG=GST_CLOCK:5 the system clock prints "entry E finished, diff D"
#    after each wait, D = target - now at wake-up (negative = late). Only
#    basesink's waits count (the clock entry waited on right after its
#    "possibly waiting for clock to reach" line); basesrc's do not. basesink's
#    own "clock returned 0, jitter -X" line is measured *before* the wait
#    (how long it had to wait), so it cannot be used. "finished, diff" is
#    measured after the clock has written ~4 debug lines since waking up, so
#    a second row dates the wake-up by the timestamp of the first of them.
#
# Every figure is the median of BENCH_RUNS runs (default 3). Uses build/
# (configured and built here if needed, -j2); installs nothing except through
# scripts/setup.sh and, when /usr/bin/time is missing, the `time` package.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUNS="${BENCH_RUNS:-3}"
N="${BENCH_BUFFERS:-1000000}"
LATE_S="${BENCH_LATENESS_SECONDS:-10}"
FPS=30
JOBS="${GSTMINI_JOBS:-2}"

bash scripts/setup.sh >&2
if [ ! -x /usr/bin/time ]; then
  echo "run.sh: installing the 'time' package for /usr/bin/time" >&2
  SUDO=()
  [ "$(id -u)" -ne 0 ] && SUDO=(sudo)
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y time >&2
fi

if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSTMINI_WERROR=ON >&2
fi
cmake --build build -j "$JOBS" --target bench_throughput bench_lateness >&2

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
unset GSTMINI_DEBUG GST_DEBUG

# median VALUES... : the middle value (lower middle for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# timed NAME CMD... : runs CMD $RUNS times under /usr/bin/time; sets
# R_ELAPSED R_USER R_SYS R_RSS_MB (medians) and R_OUT (stdout of the median run).
timed() {
  local name="$1"
  shift
  local es=() us=() ss=() ms=() i
  "$@" >/dev/null 2>&1 || true  # warm-up: page cache, GStreamer's registry
  for ((i = 0; i < RUNS; i++)); do
    local t0="$EPOCHREALTIME"
    /usr/bin/time -f "%e %U %S %M" -o "$TMP/$name.time.$i" "$@" >"$TMP/$name.out.$i" 2>"$TMP/$name.err.$i" || {
      echo "run.sh: $name failed:" >&2
      cat "$TMP/$name.err.$i" >&2
      exit 1
    }
    local t1="$EPOCHREALTIME"
    read -r _ u s m <"$TMP/$name.time.$i"
    e="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')"
    echo "$e" >"$TMP/$name.wall.$i"
    es+=("$e") us+=("$u") ss+=("$s") ms+=("$m")
  done
  R_ELAPSED="$(median "${es[@]}")"
  R_USER="$(median "${us[@]}")"
  R_SYS="$(median "${ss[@]}")"
  R_RSS_MB="$(awk -v k="$(median "${ms[@]}")" 'BEGIN { printf "%.1f", k / 1024 }')"
  for ((i = 0; i < RUNS; i++)); do
    if [ "$(cat "$TMP/$name.wall.$i")" = "$R_ELAPSED" ]; then
      R_OUT="$(cat "$TMP/$name.out.$i")"
      break
    fi
  done
}

rate() { awk -v n="$1" -v e="$2" 'BEGIN { if (e > 0) printf "%.0f", n / e; else print "inf" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "x%.2f", a / b; else print "-" }'; }
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }

echo "== throughput: $N buffers, median of $RUNS runs (nproc $(nproc), $(gst-launch-1.0 --version | sed -n 2p))"
ROW_FMT="%-52s %8s %6s %6s %8s %12s %9s %14s\n"
printf "$ROW_FMT" "pipeline" "elapsed" "user" "sys" "maxrss" "buffers/s" "vs gst" "in-pipeline/s"

timed gst gst-launch-1.0 -q fakesrc num-buffers="$N" ! fakesink sync=false
GST_RATE="$(rate "$N" "$R_ELAPSED")"
printf "$ROW_FMT" "gst-launch-1.0 fakesrc ! fakesink" "${R_ELAPSED}s" "$R_USER" "$R_SYS" \
  "${R_RSS_MB}MB" "$GST_RATE" "x1.00" "-"

for spec in "1 1" "64 1" "1 64"; do
  read -r window list <<<"$spec"
  label="gstmini fakesrc ! fakesink, window $window"
  [ "$list" -gt 1 ] && label="$label + list $list"
  timed "mini_w${window}_l${list}" build/bench/bench_throughput --buffers "$N" --window "$window" --list "$list"
  r="$(rate "$N" "$R_ELAPSED")"
  printf "$ROW_FMT" "$label" "${R_ELAPSED}s" "$R_USER" "$R_SYS" "${R_RSS_MB}MB" "$r" \
    "$(ratio "$r" "$GST_RATE")" "$(field "$R_OUT" buffers_per_s)"
done

echo
echo "== synced live sink lateness: ${FPS} fps for ${LATE_S} s, median of $RUNS runs (µs, positive = late)"
LATE_FMT="%-64s %7s %10s %10s\n"
printf "$LATE_FMT" "pipeline" "renders" "median" "p99"

# GStreamer: parse the sink's clock waits out of its own debug log. Prints
# "count median p99 median_ts p99_ts" in µs. The first pair is the clock's
# own "finished, diff" figure; the second dates the wake-up by the log
# timestamp of the first line written after it ("entry E unlocked"), mapped
# onto the clock with the tightest (internal time - log time) offset seen, so
# it leaves out formatting the debug lines the clock writes before it
# measures "finished, diff".
gst_lateness() {
  awk '
    function entry(   i, e) { for (i = 1; i < NF; i++) if ($i == "entry") { e = $(i + 1); sub(",", "", e); return e } }
    function ns(t,   a, p) { split(t, a, ":"); p = index(a[3], ".")
      return (a[1] * 3600 + a[2] * 60 + substr(a[3], 1, p - 1)) * 1e9 + substr(a[3], p + 1) }
    function field_after(k,   i) { for (i = 1; i < NF; i++) if ($i == k) return $(i + 1) }
    /internal time/ { o = ns($NF) - ns($1); if (!have || o > off) { off = o; have = 1 } }
    /possibly waiting for clock to reach/ { sinkwait = 1; next }
    /waiting on clock entry/ { sink[entry()] = sinkwait; sinkwait = 0; next }
    /diff \(time-now\)/ { e = entry(); last[e] = $NF; target[e] = ns(field_after("time")); next }
    /unlocked, status/ { wake[entry()] = ns($1); next }
    /finished, diff/ { e = entry(); if (sink[e]) { n++; d[n] = -$NF; w[n] = wake[e]; t[n] = target[e] }; next }
    /done waiting entry/ && /\(early\)/ { e = entry(); if (sink[e]) { n++; d[n] = -last[e]; w[n] = -1 } }
    END { for (i = 1; i <= n; i++) print d[i], (w[i] < 0 ? d[i] : w[i] + off - t[i]) }
  ' "$1" >"$1.samples"
  local a b
  a="$(cut -d' ' -f1 "$1.samples" | sort -g | awk '{ v[NR] = $1 } END {
      if (NR == 0) { print "0 0 0"; exit }
      printf "%d %.1f %.1f\n", NR, v[int(0.5 * (NR - 1)) + 1] / 1000, v[int(0.99 * (NR - 1)) + 1] / 1000 }')"
  b="$(cut -d' ' -f2 "$1.samples" | sort -g | awk '{ v[NR] = $1 } END {
      if (NR == 0) { print "0 0"; exit }
      printf "%.1f %.1f\n", v[int(0.5 * (NR - 1)) + 1] / 1000, v[int(0.99 * (NR - 1)) + 1] / 1000 }')"
  echo "$a $b"
}
gcount=() gmed=() gp99=() gtmed=() gtp99=()
for ((i = 0; i < RUNS; i++)); do
  rm -f "$TMP/gst_late.log"
  GST_DEBUG="basesink:5,GST_CLOCK:5" GST_DEBUG_NO_COLOR=1 GST_DEBUG_FILE="$TMP/gst_late.log" \
    gst-launch-1.0 -q videotestsrc is-live=true num-buffers=$((LATE_S * FPS)) \
    ! video/x-raw,framerate=${FPS}/1 ! fakesink sync=true >/dev/null
  read -r c m p tm tp < <(gst_lateness "$TMP/gst_late.log")
  gcount+=("$c") gmed+=("$m") gp99+=("$p") gtmed+=("$tm") gtp99+=("$tp")
done
G_MED="$(median "${gmed[@]}")"
G_TMED="$(median "${gtmed[@]}")"
printf "$LATE_FMT" "gst-launch-1.0 videotestsrc is-live=true ! fakesink sync=true" \
  "$(median "${gcount[@]}")" "$G_MED" "$(median "${gp99[@]}")"
printf "$LATE_FMT" "GStreamer, same waits dated by the log line at wake-up" \
  "$(median "${gcount[@]}")" "$G_TMED" "$(median "${gtp99[@]}")"

mcount=() mmed=() mp99=() fmed=() fp99=()
for ((i = 0; i < RUNS; i++)); do
  out="$(build/bench/bench_lateness --seconds "$LATE_S" --fps "$FPS")"
  mcount+=("$(field "$out" count)") mmed+=("$(field "$out" median_us)") mp99+=("$(field "$out" p99_us)")
  fmed+=("$(field "$out" frame_median_us)") fp99+=("$(field "$out" frame_p99_us)")
done
M_MED="$(median "${mmed[@]}")"
F_MED="$(median "${fmed[@]}")"
printf "$LATE_FMT" "gstmini livesrc ! fakesink sync=true: sink lateness" \
  "$(median "${mcount[@]}")" "$M_MED" "$(median "${mp99[@]}")"
printf "$LATE_FMT" "gstmini, same renders vs the frame's schedule n/fps" \
  "$(median "${mcount[@]}")" "$F_MED" "$(median "${fp99[@]}")"
echo "median lateness, gstmini vs GStreamer ('finished, diff'): sink $(ratio "$M_MED" "$G_MED"), vs schedule $(ratio "$F_MED" "$G_MED")"
echo "(Both sinks wait until base_time + pts + latency (one frame, from the live source) and"
echo " the figure is how late the clock woke them. livesrc stamps each frame with its capture"
echo " slot n/fps, so 'vs schedule' equals the sink lateness unless a frame was captured late.)"
