#!/usr/bin/env bash
# Install gstmini's build and run dependencies on Debian 12. Idempotent:
# returns immediately when every package is already installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build
  libcaf-dev libspdlog-dev libfmt-dev catch2
  clang-format
  clang libclang-rt-14-dev
  gstreamer1.0-tools gstreamer1.0-plugins-base
  graphviz
)
# Each plugin (elements/<name>/) lists the Debian packages it builds and
# tests with in scripts/deps/<name>.txt: one package per line, # comments.
for list in "$(dirname "${BASH_SOURCE[0]}")"/deps/*.txt; do
  [ -e "$list" ] || continue
  while read -r pkg; do
    pkg="${pkg%%#*}"; pkg="${pkg// /}"
    [ -n "$pkg" ] && PACKAGES+=("$pkg")
  done < "$list"
done

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$pkg")
  fi
done

# npm tools the tests run (s3rver for the aws plugin), into build/node.
npm_tools() {
  bash "$(dirname "${BASH_SOURCE[0]}")/s3rver-setup.sh"
}

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  npm_tools
  exit 0
fi

echo "setup: installing: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -E)
else
  echo "setup: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}"
npm_tools
echo "setup: done"
