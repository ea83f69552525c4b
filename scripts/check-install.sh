#!/usr/bin/env bash
# Checks gstmini as an outside project uses it, from its INSTALLED package:
#   1. cmake --install into a temporary prefix;
#   2. every installed header compiles on its own, with only <prefix>/include,
#      and pulls in no CAF, spdlog or fmt header (they are private);
#   3. examples/external-app configures with find_package(gstmini) through
#      CMAKE_PREFIX_PATH, builds with -Werror, and runs (a launch line, and a
#      hand-built pipeline with its own element);
#   4. the same app compiles and runs from `pkg-config --cflags --libs gstmini`;
#   5. the installed gstmini-launch uses the app's plugin element from a launch
#      line through GSTMINI_PLUGIN_PATH, and gstmini-inspect shows the plugin;
#   6. a plugin copied into the installed plugin folder is found without
#      GSTMINI_PLUGIN_PATH, also after the whole prefix moved.
#
#   bash scripts/check-install.sh [BUILD_DIR]     (default build/, built if needed)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
JOBS="${GSTMINI_JOBS:-$(nproc 2>/dev/null || echo 2)}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gstmini-install.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
PREFIX="$WORK/prefix"
CXX="${CXX:-c++}"

step() { echo "== check-install: $*"; }
fail() { echo "check-install: FAILED: $*" >&2; exit 1; }

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DGSTMINI_WERROR=ON
fi
step "build and install into $PREFIX"
cmake --build "$BUILD" -j "$JOBS" --target gstmini_installable
cmake --install "$BUILD" --prefix "$PREFIX" > "$WORK/install.log"
LIBDIR="$(cmake -L -N "$BUILD" 2>/dev/null | sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p')"
LIBDIR="$PREFIX/${LIBDIR:-lib}"
for f in "$PREFIX/include/gstmini/gstmini.hpp" "$PREFIX/include/gstmini/version.hpp" \
         "$LIBDIR/libgstmini.so" "$LIBDIR/cmake/gstmini/gstminiConfig.cmake" \
         "$LIBDIR/pkgconfig/gstmini.pc" "$PREFIX/bin/gstmini-launch" "$PREFIX/bin/gstmini-inspect"; do
  [ -e "$f" ] || fail "not installed: $f"
done

step "installed headers: each compiles alone, none includes CAF, spdlog or fmt"
PRIVATE_RE='/(caf|spdlog|fmt)/'
count=0
while IFS= read -r header; do
  rel="${header#"$PREFIX/include/"}"
  printf '#include <%s>\n' "$rel" > "$WORK/one.cpp"
  "$CXX" -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -I"$PREFIX/include" \
    -MD -MF "$WORK/one.d" "$WORK/one.cpp" || fail "$rel does not compile alone"
  if grep -Eq "$PRIVATE_RE" "$WORK/one.d"; then
    fail "$rel pulls in a private dependency: $(grep -Eo "[^ ]*$PRIVATE_RE[^ ]*" "$WORK/one.d" | head -1)"
  fi
  count=$((count + 1))
done < <(find "$PREFIX/include/gstmini" -name '*.hpp' | sort)
echo "   $count headers"
if grep -rEq '^#include "(runtime|elements)/' "$PREFIX/include/gstmini"; then
  fail "an installed header still includes a tree path (\"runtime/...\")"
fi

step "external app: find_package(gstmini) via CMAKE_PREFIX_PATH"
APP="$WORK/app"
cmake -S "$ROOT/examples/external-app" -B "$APP" -G Ninja -DCMAKE_PREFIX_PATH="$PREFIX" \
  -DCMAKE_CXX_FLAGS="-Wall -Wextra -Wpedantic -Werror" > "$WORK/app-configure.log" ||
  { cat "$WORK/app-configure.log"; fail "external app does not configure"; }
cmake --build "$APP" -j "$JOBS"
grep -q -- "-I$ROOT\b" "$APP/build.ninja" && fail "the external app's build reaches into the source tree"
if ninja -C "$APP" -t deps | grep -Eq "$PRIVATE_RE"; then
  fail "the external app compiled against CAF, spdlog or fmt headers"
fi
env -u GSTMINI_PLUGIN_PATH -u GSTMINI_PLUGIN_SYSTEM_PATH "$APP/external-app" | tee "$WORK/app.out"
grep -q "external-app: OK" "$WORK/app.out" || fail "external app did not report OK"

step "external app: pkg-config --cflags --libs gstmini"
export PKG_CONFIG_PATH="$LIBDIR/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
[ "$(pkg-config --modversion gstmini)" = "$(sed -n 's/^#define GSTMINI_VERSION_STRING "\(.*\)"/\1/p' \
  "$PREFIX/include/gstmini/version.hpp")" ] || fail "gstmini.pc's version differs from version.hpp"
[ "$(pkg-config --variable=pluginsdir gstmini)" -ef "$LIBDIR/gstmini-0.1" ] ||
  fail "gstmini.pc's pluginsdir is not the installed plugin folder"
# shellcheck disable=SC2046  # pkg-config's output is a list of flags
"$CXX" -Wall -Wextra -Werror -o "$WORK/app-pc" \
  "$ROOT/examples/external-app/src/main.cpp" "$ROOT/examples/external-app/src/rot13.cpp" \
  $(pkg-config --cflags --libs gstmini) -Wl,-rpath,"$(pkg-config --variable=libdir gstmini)"
"$WORK/app-pc" | grep -q "external-app: OK" || fail "the pkg-config build did not run"

step "installed gstmini-launch runs the app's plugin element (GSTMINI_PLUGIN_PATH)"
export GSTMINI_PLUGIN_PATH="$APP/plugins"
used_lib="$(ldd "$PREFIX/bin/gstmini-launch" | sed -n 's/^.*libgstmini\.so[^ ]* => \([^ ]*\) .*$/\1/p')"
[ -n "$used_lib" ] && [ "$(dirname "$(realpath "$used_lib")")" = "$(realpath "$LIBDIR")" ] ||
  fail "installed gstmini-launch does not use the installed libgstmini (it uses '$used_lib')"
"$PREFIX/bin/gstmini-launch" fakesrc num-buffers=8 ! rot13 shift=3 ! fakesink > "$WORK/launch.out" ||
  { cat "$WORK/launch.out"; fail "gstmini-launch could not run rot13"; }
grep -q "Got EOS" "$WORK/launch.out" || fail "gstmini-launch did not reach EOS"
"$PREFIX/bin/gstmini-inspect" exampleplugin > "$WORK/inspect.out"
grep -q "  Source module            external-app" "$WORK/inspect.out" || fail "no Plugin Details"
grep -q "  rot13: ROT13" "$WORK/inspect.out" || fail "the plugin's feature is not listed"
"$PREFIX/bin/gstmini-inspect" 2> "$WORK/inspect.err" | grep -q "^exampleplugin:  rot13: ROT13$" ||
  fail "gstmini-inspect does not list exampleplugin"
[ -s "$WORK/inspect.err" ] && { cat "$WORK/inspect.err"; fail "plugins failed to load"; }
unset GSTMINI_PLUGIN_PATH

step "the installed tree finds plugins in its own plugin folder, also after moving the prefix"
# The app's plugin, installed where gstmini's own plugins go (pluginsdir).
cp "$APP/plugins/libgstminiexampleplugin.so" "$(pkg-config --variable=pluginsdir gstmini)/"
expected="$(find "$LIBDIR/gstmini-0.1" -name 'libgstmini*.so' | wc -l)"
mv "$PREFIX" "$WORK/moved"
MOVED_PLUGINS="$WORK/moved/${LIBDIR#"$PREFIX/"}/gstmini-0.1"
env -u GSTMINI_PLUGIN_PATH -u GSTMINI_PLUGIN_SYSTEM_PATH \
  "$WORK/moved/bin/gstmini-inspect" exampleplugin > "$WORK/moved.out" 2>&1 ||
  { cat "$WORK/moved.out"; fail "the moved tree does not find exampleplugin in its plugin folder"; }
grep -q "  Filename *$MOVED_PLUGINS/libgstminiexampleplugin.so" "$WORK/moved.out" ||
  { cat "$WORK/moved.out"; fail "exampleplugin was not loaded from $MOVED_PLUGINS"; }
listed="$(env -u GSTMINI_PLUGIN_PATH "$WORK/moved/bin/gstmini-inspect" 2>/dev/null |
  sed -n 's/^\([a-z0-9_-]*\):  .*/\1/p' | sort -u | grep -vc '^coreelements$' || true)"
[ "$listed" = "$expected" ] ||
  fail "moved prefix: $listed plugins listed, $expected installed in $MOVED_PLUGINS"
echo "   $expected plugin(s) loaded from $MOVED_PLUGINS"

step "OK"
