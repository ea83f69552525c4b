#!/usr/bin/env bash
# Installs s3rver (a real S3-compatible server on Node.js, from npm) into
# build/node/, where the S3 tests (tests/s3_*_test.cpp) look for it:
#   bash scripts/s3rver-setup.sh [prefix]      (default: <tree>/build/node)
# Idempotent: returns at once when the pinned version is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="${1:-$ROOT/build/node}"
VERSION="3.7.1"  # s3rver 3.x runs on Node 20 (checked with 20.20)

if ! command -v node >/dev/null 2>&1; then
  echo "s3rver-setup: node is needed: run scripts/setup.sh (scripts/deps/aws.txt: nodejs)" >&2
  exit 1
fi
# Debian's nodejs comes without npm (NodeSource's has it built in, and
# conflicts with Debian's npm package): install it only when missing.
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm
  else
    echo "s3rver-setup: npm is missing: apt-get install npm (as root)" >&2
    exit 1
  fi
fi
installed="$PREFIX/node_modules/s3rver/package.json"
if [ -f "$installed" ] && grep -q "\"version\": \"$VERSION\"" "$installed"; then
  echo "s3rver-setup: s3rver $VERSION already in $PREFIX"
  exit 0
fi
mkdir -p "$PREFIX"
npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "s3rver@$VERSION"
echo "s3rver-setup: s3rver $VERSION installed in $PREFIX"
