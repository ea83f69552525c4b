#!/usr/bin/env bash
# End-to-end check of the flagship in a browser (not part of CI: it needs
# npm access once and takes ~30 s): the HLS example writes 4 s of
# livesrc pattern=gradient → x264enc → mpegtsmux → hlssink2 into a temporary
# folder, scripts/hls-page.sh --check plays it in headless Chromium, and
# this script checks from the drawn frame that a real picture shows: the
# video decoded at 640x360, played past 0.5 s, and the frame is not one
# flat colour (the gradient has many distinct shades).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
cmake --build build -j "${GSTMINI_JOBS:-1}" --target 10_hls_flagship >&2
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
GSTMINI_DEBUG="*:2" build/examples/10_hls_flagship 4 "$OUT" 2 >/dev/null
RESULT="$(bash scripts/hls-page.sh --check "$OUT")" || { echo "FAIL: did not play: $RESULT"; exit 1; }
echo "$RESULT"
echo "$RESULT" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read().strip().splitlines()[-1])
assert r["played"], r
assert (r["width"], r["height"]) == (640, 360), r
assert r["distinct_colours"] > 8, "the frame is (nearly) one colour: %r" % r
print("OK: Chromium shows a %dx%d frame at t=%.2f s (%d sampled colours)" %
      (r["width"], r["height"], r["time"], r["distinct_colours"]))
'
