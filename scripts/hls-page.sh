#!/usr/bin/env bash
# Serves an HLS folder written by hlssink2 with a small page that plays it
# in a browser (hls.js from npm), on a loopback HTTP server this script
# starts and stops.
#
#   bash scripts/hls-page.sh hls-out            # serve on 127.0.0.1:8080 until Ctrl-C
#   bash scripts/hls-page.sh hls-out 8123       # another port
#   bash scripts/hls-page.sh --check hls-out    # headless Chromium (Debian's, driven by
#                                               # puppeteer-core) plays the page, screenshots
#                                               # it (hls-out/screenshot.png), prints what the
#                                               # video showed as JSON; exit 0 if it played
#
# hls.js (and puppeteer-core for --check) are installed once with npm into
# build/web/ (npm registry access needed the first time).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHECK=0
if [ "${1:-}" = "--check" ]; then CHECK=1; shift; fi
FOLDER="$(cd "${1:?usage: hls-page.sh [--check] FOLDER [PORT]}" && pwd)"
PORT="${2:-}"

WEB="$ROOT/build/web"
NPM_PACKAGES=(hls.js@1)
[ "$CHECK" -eq 1 ] && NPM_PACKAGES+=(puppeteer-core@22)
if [ ! -f "$WEB/node_modules/hls.js/dist/hls.min.js" ] ||
   { [ "$CHECK" -eq 1 ] && [ ! -d "$WEB/node_modules/puppeteer-core" ]; }; then
  mkdir -p "$WEB"
  # Debian's nodejs comes without npm (NodeSource's includes it).
  command -v npm >/dev/null || apt-get install -y --no-install-recommends npm >&2
  # The check drives Debian's chromium (not a CI dependency: installed here).
  if [ "$CHECK" -eq 1 ] && [ ! -x /usr/bin/chromium ]; then
    apt-get install -y --no-install-recommends chromium >&2
  fi
  # PUPPETEER_SKIP_DOWNLOAD: use Debian's chromium, fetch no browser.
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund --prefix "$WEB" \
    "${NPM_PACKAGES[@]}" >&2
fi
cp "$ROOT/web/index.html" "$FOLDER/index.html"
cp "$WEB/node_modules/hls.js/dist/hls.min.js" "$FOLDER/hls.min.js"

if [ -z "$PORT" ]; then
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
fi
python3 -m http.server --bind 127.0.0.1 --directory "$FOLDER" "$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/index.html" && break
  sleep 0.1
done
URL="http://127.0.0.1:$PORT/index.html"

if [ "$CHECK" -eq 0 ]; then
  echo "Open $URL  (Ctrl-C stops the server)"
  wait $SERVER
  exit 0
fi

# Headless check: Chromium plays the page; check.js prints what the video
# showed (status line, size, mean colour) and exits 0 only if it played.
NODE_PATH="$WEB/node_modules" timeout 120 node "$ROOT/web/check.js" "$URL" "$FOLDER/screenshot.png"
