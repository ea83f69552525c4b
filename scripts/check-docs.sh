#!/usr/bin/env bash
# Runs the commands the documentation shows, so that README.md and docs/*.md
# cannot drift from what the build does.
#
# Convention: a fenced block whose language is `sh` and whose opening fence
# is directly preceded by the line
#
#     <!-- runnable -->
#
# is runnable. Each of its lines is one command (a line ending in `\`
# continues on the next; blank lines and lines starting with `#` are
# skipped). Commands run from the repository root with bash, one at a time,
# each with a 60 s limit; any non-zero exit fails the check. Mark only
# commands that are cheap, deterministic and end on their own (no Ctrl-C,
# no network, no display); show the others in an unmarked block.
#
#   bash scripts/check-docs.sh            # against build/ (scripts/test.sh builds it)
#   bash scripts/check-docs.sh --list     # print the commands, run nothing
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

LIST_ONLY=0
if [ "${1:-}" = "--list" ]; then LIST_ONLY=1; fi

if [ "$LIST_ONLY" = 0 ] && [ ! -x build/tools/gstmini-launch ]; then
  echo "check-docs: build/tools/gstmini-launch is missing: run bash scripts/test.sh first" >&2
  exit 2
fi

# Prints "file:line<TAB>command" for every runnable command.
extract() {
  awk '
    FNR == 1 { marked = 0; inside = 0; pending = "" }
    inside && /^```/ { inside = 0; next }
    inside {
      line = $0
      if (pending == "") start = FNR
      else { line = pending " " line; pending = "" }
      if (line ~ /\\$/) { sub(/\\$/, "", line); pending = line; next }
      if (line ~ /^[ \t]*$/ || line ~ /^[ \t]*#/) next
      print FILENAME ":" start "\t" line
      next
    }
    /^```sh[ \t]*$/ && marked { inside = 1; marked = 0; next }
    { marked = ($0 ~ /^<!-- runnable -->[ \t]*$/) }
  ' README.md docs/*.md
}

commands="$(extract)"
if [ -z "$commands" ]; then
  echo "check-docs: no runnable commands found (is the <!-- runnable --> marker in place?)" >&2
  exit 1
fi

failed=0
count=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
while IFS=$'\t' read -r where command; do
  count=$((count + 1))
  if [ "$LIST_ONLY" = 1 ]; then
    printf '%s\t%s\n' "$where" "$command"
    continue
  fi
  printf '== %s: %s\n' "$where" "$command"
  if timeout 60 bash -c "$command" </dev/null >"$log" 2>&1; then
    :
  else
    rc=$?
    failed=$((failed + 1))
    echo "check-docs: FAILED (exit $rc) at $where: $command" >&2
    tail -n 20 "$log" | sed 's/^/    /' >&2
  fi
done <<<"$commands"

if [ "$LIST_ONLY" = 1 ]; then exit 0; fi
if [ "$failed" -ne 0 ]; then
  echo "check-docs: $failed of $count documented commands failed" >&2
  exit 1
fi
echo "check-docs: all $count documented commands ran"
