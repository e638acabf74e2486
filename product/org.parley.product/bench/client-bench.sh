#!/usr/bin/env bash
# Client benchmark (docs/BENCHMARKS.md, "Client: startup and memory"): time from launch to the window,
# cold (fresh OSGi configuration) and warm, and the client's resident memory with a conversation of
# 10,000 messages from the encrypted local history open, before and after scrolling through all of it.
# Not a test: run by hand on a quiet machine, from the repository root after a build:
#
#   DISPLAY=:99 product/org.parley.product/bench/client-bench.sh [RUNS]   (Xvfb :99 running; xdotool)
#
# Prints one RESULT line per measurement; PARLEY_JAVA_OPTS passes JVM options to the client, SHOT names
# the screenshot taken at the top of the history in the first run. Uses a copy of the built product, a private relay on
# 127.0.0.1 and a throwaway profile; leaves nothing behind.
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-3}
COUNT=${COUNT:-10000}
BUILT=product/org.parley.product/target/products/org.parley.product/linux/gtk/x86_64/parley
RELAY_JAR=relay-server/target/parley-relay.jar
[ -x "$BUILT/parley" ] && [ -f "$RELAY_JAR" ] || { echo "build first: ./mvnw -B -ntp verify -DskipTests" >&2; exit 1; }
[ -n "${DISPLAY:-}" ] && command -v xdotool >/dev/null || { echo "needs an X display (Xvfb) and xdotool" >&2; exit 1; }
. product/org.parley.product/script-lib.sh
parley_work /tmp/parley-client-bench.XXXXXX
export PARLEY_PASSPHRASE="client bench passphrase"

cp -r "$BUILT" "$WORK/parley"
P=$WORK/parley
CP=$(ls "$P"/plugins/org.parley.*.jar "$P"/plugins/com.fasterxml.jackson.*.jar "$P"/plugins/bcprov_*.jar \
  "$P"/plugins/com.h2database_*.jar | tr '\n' ':')

start_relay "$RELAY_JAR" || { cat "$WORK/relay.log"; exit 1; }
RELAY=wss://127.0.0.1:$port

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

# Starts alice's client; sets $client (java pid) and $took (seconds to a visible main window).
launch() {
  local t0; t0=$(date +%s.%N)
  "$P/parley" --profile "$WORK/alice" --relay "$RELAY" --user alice --connect >>"$WORK/alice.log" 2>&1 &
  client=$!; pids+=($client)
  # poll every 50 ms (xdotool's own --sync polls every 0.5 s, too coarse for this measurement)
  local deadline=$(( $(date +%s) + 60 ))
  until xdotool search --onlyvisible --name '^Parley ?$' >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "no window within 60 s" >&2; exit 1; }
    sleep 0.05
  done
  took=$(awk -v a="$(date +%s.%N)" -v s="$t0" 'BEGIN { printf "%.2f", a - s }')
}

quit() {
  kill -TERM "$client" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$client" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$client" 2>/dev/null || true
}

bob() { # bob sends one direct message to alice, which opens the conversation in alice's client
  echo "@alice $1" | timeout 60 "$JAVA" -cp "$CP" org.parley.chat.internal.HeadlessClient --relay "$RELAY" \
    --user bob --data-dir "$WORK/bob" --timeout 8 >>"$WORK/bob.log" 2>&1 || true
}

launch
echo "RESULT client=parley measure=window_cold_s value=$took"
sleep 3; bob "hello, I exist"; sleep 2
quit

"$JAVA" -cp "$CP" product/org.parley.product/bench/SeedHistory.java "$WORK/alice" bob "$COUNT"

for run in $(seq "$RUNS"); do
  launch
  echo "RESULT client=parley measure=window_warm_s run=$run value=$took"
  sleep 4                                    # connected; the contacts and status settle
  echo "RESULT client=parley measure=rss_idle_mb run=$run value=$(( $(rss_kb "$client") / 1024 ))"
  bob "ping $run"; sleep 2                   # adds the conversation's tab (behind "Everyone")
  win=$(xdotool search --onlyvisible --name '^Parley ?$' | head -n 1)
  eval "$(xdotool getwindowgeometry --shell "$win")"
  xdotool mousemove $((X + 448)) $((Y + 41)) click 1; sleep 4   # bring the "bob" tab forward: newest page shown
  echo "RESULT client=parley measure=rss_conversation_open_mb run=$run value=$(( $(rss_kb "$client") / 1024 ))"
  xdotool mousemove $((X + WIDTH * 2 / 3)) $((Y + HEIGHT / 3)) click 1
  # scroll up through the whole history with the mouse wheel: each time the view nears the top the next
  # older page (200 entries) is read from the encrypted history
  for _ in $(seq $(( COUNT / 200 + 5 ))); do xdotool click --repeat 120 --delay 4 4; sleep 0.3; done
  sleep 2
  echo "RESULT client=parley measure=rss_all_${COUNT}_loaded_mb run=$run value=$(( $(rss_kb "$client") / 1024 ))"
  [ "$run" = 1 ] && command -v import >/dev/null && import -window root "${SHOT:-/tmp/parley-client-bench-top.png}" || true
  quit
done
