#!/usr/bin/env bash
# Product smoke test: starts a relay, launches the materialized product under the current X display
# (Xvfb in CI) connected as "alice", waits for its main window, types a message to Everyone with
# xdotool, checks that a headless client "bob" (the same bundles, no UI) received and decrypted it and
# echoed it back, and saves a screenshot.
#
# usage: smoke-test.sh PRODUCT_DIR RELAY_JAR OUTPUT_DIR
set -euo pipefail
PRODUCT=$1 RELAY_JAR=$2 OUT=$3
. "$(dirname "$0")/script-lib.sh"
mkdir -p "$OUT"
parley_work
fail() {
  echo "SMOKE TEST FAILED: $*" >&2
  for f in "$WORK"/relay.log "$WORK"/alice.log "$WORK"/bob.log "$WORK"/alice/workspace/.metadata/.log; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -n 60 "$f" >&2; }
  done
  exit 1
}
[ -n "${DISPLAY:-}" ] || fail "no X display (run through ./test.sh, which starts Xvfb)"
command -v xdotool >/dev/null || fail "xdotool is not installed"

start_relay "$RELAY_JAR" || fail "the relay did not report its port"

PARLEY_PASSPHRASE="smoke-test passphrase" "$PRODUCT/parley" --profile "$WORK/alice" --relay "wss://127.0.0.1:$port" --user alice --connect \
  >"$WORK/alice.log" 2>&1 &
pids+=($!)
started=$(date +%s.%N)
timeout 90 xdotool search --sync --name '^Parley$' >/dev/null 2>&1 || fail "no window titled 'Parley' appeared within 90 s"
appeared=$(date +%s.%N)
awk -v a="$appeared" -v s="$started" 'BEGIN { printf "Parley window appeared %.1f s after launch\n", a - s }'
# GTK makes several small helper windows with the same title: the main window is the largest one
window=""; best=0
for w in $(xdotool search --name '^Parley$'); do
  size=$(xdotool getwindowgeometry "$w" | sed -n 's/.*Geometry: \([0-9]*\)x\([0-9]*\).*/\1 \2/p')
  area=$(( ${size% *} * ${size#* } ))
  [ "$area" -gt "$best" ] && { best=$area; window=$w; }
done
[ -n "$window" ] || fail "could not find the main window"

# bob: a headless client built from the same bundles (the product's own jars), echoing what it gets
cp=$(ls "$PRODUCT"/plugins/org.parley.*.jar "$PRODUCT"/plugins/com.fasterxml.jackson.*.jar "$PRODUCT"/plugins/bcprov_*.jar | tr '\n' ':')
"$JAVA" -cp "$cp" org.parley.chat.internal.HeadlessClient --relay "wss://127.0.0.1:$port" --user bob \
  --echo --exit-after 1 --timeout 60 >"$WORK/bob.log" 2>&1 </dev/null &
bob=$!
pids+=($bob)
for _ in $(seq 1 150); do grep -q '^CONNECTED' "$WORK/bob.log" && break; sleep 0.2; done
grep -q '^CONNECTED' "$WORK/bob.log" || fail "the headless client did not connect: $(cat "$WORK/bob.log")"
# alice logs in on her own schedule (unlocking her key may take seconds on a busy machine); typing before
# that would send to an empty "everyone". Bob sees her join once she is in; she learns of bob then too.
for _ in $(seq 1 300); do grep -q '^JOIN alice' "$WORK/bob.log" && break; sleep 0.2; done
grep -q '^JOIN alice' "$WORK/bob.log" || fail "alice did not log in within 60 s: $(cat "$WORK/bob.log")"
sleep 1   # alice's window shows bob online

# alice types into the Everyone conversation (focused at start) and presses Enter
text="smoke test $(date +%s) hello from the GUI"
xdotool windowraise "$window"
xdotool windowfocus --sync "$window" 2>/dev/null || true
sleep 0.5
xdotool type --delay 15 "$text"
xdotool key Return
wait "$bob" || fail "bob did not receive alice's message: $(cat "$WORK/bob.log")"
grep -qF "MSG alice * rsa-oaep-aes-gcm: $text" "$WORK/bob.log" \
  || fail "bob received something else: $(cat "$WORK/bob.log")"
echo "bob received alice's message typed into the GUI, decrypted, and echoed it back"
sleep 3   # alice's UI shows the echo in a new "bob" tab and the status bar settles
kill -0 "${pids[1]}" 2>/dev/null || fail "the client exited"
if command -v import >/dev/null; then
  import -window root "$OUT/parley-main.png" && echo "screenshot: $OUT/parley-main.png"
fi
if grep -q 'Exception' "$WORK/alice/workspace/.metadata/.log" 2>/dev/null; then
  fail "the client logged an exception"
fi
echo "product smoke test passed (window $window)"
