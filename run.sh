#!/usr/bin/env bash
# Runs Parley: builds it if needed, starts a local relay if none answers at the relay address, and
# launches a client. Run it again (in another terminal) for a second client to chat with the first.
#
# usage: ./run.sh [USER]          USER: the user name to offer in the connect dialog
# env:   PARLEY_RELAY=wss://host:port   relay to use (default wss://localhost:8765)
#        PARLEY_PASSPHRASE=...          with USER: create/unlock USER's identity and connect without asking
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
. .mvn/parley-java.sh
parley_find_jdk

RELAY_URL=${PARLEY_RELAY:-wss://localhost:8765}
PRODUCT="$ROOT/product/org.parley.product/target/products/org.parley.product/linux/gtk/x86_64/parley"
RELAY_JAR="$ROOT/relay-server/target/parley-relay.jar"
STATE="$ROOT/.parley-run"
mkdir -p "$STATE"

# 1. build when the product or relay is missing or older than the sources
stale=$(find bundles features product/org.parley.product/parley.product relay-server/src relay-server/pom.xml \
  target-platform -newer "$STATE/built" -type f -not -path '*/target/*' -not -path '*/bin/*' 2>/dev/null | head -n 1 || true)
if [ ! -x "$PRODUCT/parley" ] || [ ! -f "$RELAY_JAR" ] || [ ! -f "$STATE/built" ] || [ -n "$stale" ]; then
  echo "run.sh: building Parley (first time ~2-3 minutes; later runs reuse the build) ..."
  ./mvnw -B -q -ntp verify -DskipTests
  touch "$STATE/built"
fi

# 2. a local relay, unless something already answers at the relay address
hostport=${RELAY_URL#*://}; hostport=${hostport%%/*}
host=${hostport%:*}; port=${hostport##*:}
[ "$port" = "$host" ] && port=8765
answers() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }
if ! answers; then
  case "$host" in
    localhost|127.0.0.1|::1) ;;
    *) echo "run.sh: nothing answers at $RELAY_URL; start that relay first (see README)." >&2; exit 1 ;;
  esac
  echo "run.sh: starting a local relay on 127.0.0.1:$port (log: $STATE/relay.log, data: $STATE/relay)"
  # setsid: the relay outlives this terminal and its Ctrl+C; it serves every client started later
  setsid nohup "$JAVA_HOME/bin/java" -jar "$RELAY_JAR" --host 127.0.0.1 --port "$port" --data-dir "$STATE/relay" \
    >"$STATE/relay.log" 2>&1 </dev/null &
  echo $! >"$STATE/relay.pid"
  for _ in $(seq 1 100); do answers && break; sleep 0.2; done
  answers || { echo "run.sh: the relay did not start:" >&2; cat "$STATE/relay.log" >&2; exit 1; }
  grep -i 'fingerprint\|SHA-256' "$STATE/relay.log" || true
  echo "run.sh: stop the relay with: kill \$(cat $STATE/relay.pid)"
fi

if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libgtk-3\.so\.0'; then
  echo "run.sh: the Parley client needs GTK 3 (Debian/Ubuntu: sudo apt-get install libgtk-3-0)." >&2
  exit 1
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run.sh: no graphical display (DISPLAY is not set); the client needs a desktop session or Xvfb." >&2
  exit 1
fi

# 3. a client, in the first profile no other running client uses
n=1
while :; do
  profile="$HOME/.parley/client-$n"
  pidfile="$profile.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then n=$((n + 1)); continue; fi
  break
done
mkdir -p "$HOME/.parley"
echo $$ >"$pidfile"
args=(--profile "$profile" --relay "$RELAY_URL")
if [ $# -ge 1 ]; then
  args+=(--user "$1")
  [ -n "${PARLEY_PASSPHRASE:-}" ] && args+=(--connect)
fi
echo "run.sh: launching client $n (profile $profile)"
exec "$PRODUCT/parley" "${args[@]}"
