#!/usr/bin/env bash
# Benchmarks of the Parley relay and the Python reference relay on this machine (docs/BENCHMARKS.md).
# Every run starts a fresh relay (own data directory, loopback only), runs LoadTool as a separate
# JVM, appends the RESULT line to $OUT and stops the relay. Runs are bounded by LoadTool's
# --warmup/--duration/--drain and by `timeout`.
#
#   bench/run-bench.sh parley    <label> [LoadTool options...]   # e.g. --clients 1000 --rate 0 --window 2000
#   bench/run-bench.sh reference <label> [LoadTool options...]
#   bench/run-bench.sh naive     <label> [LoadTool options...]   # NaiveNettyRelay: the floor for any relay here
#
# Environment: JAR (relay fat jar, default target/parley-relay.jar; copy it to /tmp if main code is in
# flux), RELAY_JAVA (default java), RELAY_OPTS (default -Xmx1g), RELAY_ARGS (extra relay flags),
# TOOL_OPTS (default -Xmx2g), RELAY_LOG (keep the relay's log there), TOOL_CP (LoadTool class path; default target/test-classes:target/classes:deps), OUT (default target/bench/results.txt), JFR (file name: record the relay).
set -euo pipefail
cd "$(dirname "$0")/.."
kind=$1; label=$2; shift 2
JAR=${JAR:-target/parley-relay.jar}
RELAY_JAVA=${RELAY_JAVA:-java}
RELAY_OPTS=${RELAY_OPTS:--Xmx1g}
TOOL_OPTS=${TOOL_OPTS:--Xmx2g}
OUT=${OUT:-target/bench/results.txt}
PORT=${PORT:-9443}
work=$(mktemp -d /tmp/parley-bench.XXXXXX)
mkdir -p "$(dirname "$OUT")"
if [ -z "${TOOL_CP:-}" ]; then
  [ -f target/cp.txt ] || mvn -q -o -Drelay-only dependency:build-classpath -Dmdep.outputFile=target/cp.txt
  TOOL_CP=target/test-classes:target/classes:$(cat target/cp.txt)
fi

if [ "$kind" = parley ]; then
  jfr=()
  [ -n "${JFR:-}" ] && jfr=(-XX:+FlightRecorder "-XX:StartFlightRecording=duration=${JFR_SECONDS:-30}s,delay=${JFR_DELAY:-20}s,filename=$JFR,settings=profile")
  # shellcheck disable=SC2086
  $RELAY_JAVA $RELAY_OPTS "${jfr[@]}" -jar "$JAR" --host 127.0.0.1 --port "$PORT" --data-dir "$work/data" \
      --rate-limit 1000000 --rate-burst 1000000 --max-connections-per-address 1000000 \
      --handshake-timeout 300s --idle-timeout 600s ${RELAY_ARGS:-} > "$work/relay.log" 2>&1 &
  pid=$!
  extra=()
  [ "$RELAY_JAVA" != java ] && extra=(--jcmd "$(dirname "$RELAY_JAVA")/jcmd")
else
  # the relay's own certificate type (EC P-256), so the TLS work is comparable
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/key.pem" \
      -out "$work/cert.pem" -days 2 -subj /CN=localhost > /dev/null 2>&1
  if [ "$kind" = naive ]; then
    # shellcheck disable=SC2086
    $RELAY_JAVA $RELAY_OPTS -cp "$TOOL_CP" org.parley.relay.load.NaiveNettyRelay "$PORT" "$work/cert.pem" \
        "$work/key.pem" ${NAIVE_LOOPS:-1} > "$work/relay.log" 2>&1 &
    pid=$!
    extra=(--protocol reference)
    [ "$RELAY_JAVA" != java ] && extra+=(--jcmd "$(dirname "$RELAY_JAVA")/jcmd")
  else
    /usr/bin/python3 bench/reference_relay.py --port "$PORT" --cert "$work/cert.pem" --key "$work/key.pem" \
        > "$work/relay.log" 2>&1 &
    pid=$!
    extra=(--protocol reference --jcmd "")
  fi
fi
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; if [ -n "${RELAY_LOG:-}" ]; then cp "$work/relay.log" "$RELAY_LOG"; fi; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q "listening on" "$work/relay.log" 2>/dev/null && break; sleep 0.1; done
grep -q "listening on" "$work/relay.log" || { cat "$work/relay.log"; exit 1; }

# shellcheck disable=SC2086
result=$(timeout 900 java $TOOL_OPTS -cp "$TOOL_CP" org.parley.relay.load.LoadTool --url "wss://127.0.0.1:$PORT/" \
    --relay-pid "$pid" "${extra[@]}" "$@" | tee /dev/stderr | grep '^RESULT') || true
echo "$(date -u +%FT%TZ) label=$label relay_java=$($RELAY_JAVA -version 2>&1 | head -1 | tr ' ' '_') ${result#RESULT }" | tee -a "$OUT"
