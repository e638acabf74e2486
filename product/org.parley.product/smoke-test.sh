#!/usr/bin/env bash
# Product smoke test: starts a relay, launches the materialized product under the current X display
# (Xvfb in CI) connected as "alice", waits for its main window, and saves a screenshot.
#
# usage: smoke-test.sh PRODUCT_DIR RELAY_JAR OUTPUT_DIR
set -euo pipefail
PRODUCT=$1 RELAY_JAR=$2 OUT=$3
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
mkdir -p "$OUT"
WORK=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "SMOKE TEST FAILED: $*" >&2
  for f in "$WORK"/relay.log "$WORK"/alice.log "$WORK"/alice/workspace/.metadata/.log; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -n 60 "$f" >&2; }
  done
  exit 1
}
[ -n "${DISPLAY:-}" ] || fail "no X display (run through ./test.sh, which starts Xvfb)"
command -v xdotool >/dev/null || fail "xdotool is not installed"

"$JAVA" -jar "$RELAY_JAR" --host 127.0.0.1 --port 0 --data-dir "$WORK/relay" >"$WORK/relay.log" 2>&1 &
pids+=($!)
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's#.*listening on wss://[^ ]*:\([0-9][0-9]*\)/.*#\1#p' "$WORK/relay.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.2
done
[ -n "$port" ] || fail "the relay did not report its port"

"$PRODUCT/parley" --profile "$WORK/alice" --relay "wss://127.0.0.1:$port" --user alice --connect \
  >"$WORK/alice.log" 2>&1 &
pids+=($!)
started=$(date +%s.%N)
window=$(timeout 90 xdotool search --sync --name '^Parley$' 2>/dev/null | head -n 1) \
  || fail "no window titled 'Parley' appeared within 90 s"
appeared=$(date +%s.%N)
awk -v a="$appeared" -v s="$started" 'BEGIN { printf "Parley window appeared %.1f s after launch\n", a - s }'
sleep 4   # let the connection finish and the status bar update before the picture
kill -0 "${pids[1]}" 2>/dev/null || fail "the client exited"
grep -q 'alice' "$WORK/relay.log" || echo "note: the relay log does not mention alice (it may not log logins)"
if command -v import >/dev/null; then
  import -window root "$OUT/parley-main.png" && echo "screenshot: $OUT/parley-main.png"
fi
if grep -q 'Exception' "$WORK/alice/workspace/.metadata/.log" 2>/dev/null; then
  fail "the client logged an exception"
fi
echo "product smoke test passed (window $window)"
