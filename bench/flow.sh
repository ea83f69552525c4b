#!/usr/bin/env bash
# Flow-control pipelines side by side: gst-launch-1.0 against gstmini by
# default (receiver-granted credit), strict (every link lock-step, window 1)
# and with a fixed window of 64 on every link.
#
#   bash bench/flow.sh
#   BENCH_RUNS=5 BENCH_BUFFERS=1000000 bash bench/flow.sh
#
# Each figure is the median of BENCH_RUNS runs of the whole process (start-up
# included): elapsed from bash's $EPOCHREALTIME, CPU (user + sys) and peak
# RSS from /usr/bin/time. buffers/s = N / elapsed; "vs gst" divides by
# gst-launch's rate on the same pipeline.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${BENCH_RUNS:-3}"
N="${BENCH_BUFFERS:-300000}"

bash scripts/setup.sh >&2
if [ ! -x /usr/bin/time ]; then
  SUDO=()
  [ "$(id -u)" -ne 0 ] && SUDO=(sudo)
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y time >&2
fi
[ -f build/build.ninja ] ||
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGSTMINI_WERROR=ON >&2
cmake --build build -j2 --target bench_throughput >&2

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
unset GSTMINI_DEBUG GST_DEBUG

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure CMD...: sets RATE (buffers/s), CPU (s) and RSS (MB), medians.
measure() {
  local rates=() cpus=() rsss=() start end
  for _ in $(seq "$RUNS"); do
    start=$EPOCHREALTIME
    /usr/bin/time -f "%U %S %M" -o "$TMP/time" "$@" > /dev/null 2>&1
    end=$EPOCHREALTIME
    read -r user sys rss < "$TMP/time"
    rates+=("$(awk -v n="$N" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }')")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
    rsss+=("$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')")
  done
  RATE=$(median "${rates[@]}")
  CPU=$(median "${cpus[@]}")
  RSS=$(median "${rsss[@]}")
}

ROW="%-44s %12s %8s %8s %9s\n"
# bench NAME "GST LAUNCH ELEMENTS" GSTMINI-ARGS...
bench() {
  local name="$1" line="$2"
  shift 2
  # shellcheck disable=SC2086
  measure gst-launch-1.0 -q fakesrc num-buffers="$N" ! $line
  local gst=$RATE
  printf "$ROW" "gst-launch: $name" "$RATE" "x1.00" "$CPU" "${RSS}MB"
  for window in 0 1 64; do
    local mode="window $window"
    [ "$window" = 0 ] && mode="default"
    [ "$window" = 1 ] && mode="strict"
    measure build/bench/bench_throughput --buffers "$N" --window "$window" "$@"
    printf "$ROW" "gstmini $mode: $name" "$RATE" \
      "x$(awk -v a="$RATE" -v b="$gst" 'BEGIN { printf "%.2f", a / b }')" "$CPU" "${RSS}MB"
  done
}

echo "== flow pipelines: $N buffers, median of $RUNS runs (nproc $(nproc), $(gst-launch-1.0 --version | head -1))"
printf "$ROW" "pipeline" "buffers/s" "vs gst" "cpu s" "peak RSS"
sink="fakesink sync=false"
bench "fakesrc ! fakesink" "$sink"
bench "1 queue" "queue ! $sink" --queues 1
bench "2 queues" "queue ! queue ! $sink" --queues 2
bench "4 queues" "queue ! queue ! queue ! queue ! $sink" --queues 4
bench "8 identities" "identity ! identity ! identity ! identity ! identity ! identity ! identity ! identity ! $sink" --identities 8
bench "tee, 2 queued branches" "tee name=t t. ! queue ! $sink t. ! queue ! $sink" --tee 2
bench "tee, 8 queued branches" "tee name=t$(for _ in 1 2 3 4 5 6 7 8; do printf ' t. ! queue ! %s' "$sink"; done)" --tee 8
