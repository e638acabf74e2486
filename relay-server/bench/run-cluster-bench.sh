#!/usr/bin/env bash
# Benchmarks of a relay cluster on this machine (docs/BENCHMARKS.md, "Relay cluster on Redis"): a
# private redis-server (loopback, its own port, files in a temporary directory) and N relay nodes in
# cluster mode (--cluster), each its own JVM; LoadTool spreads the clients round-robin over the nodes
# (client i → node i mod N), so with random pairs (N-1)/N of the messages cross nodes through Redis.
# Appends the RESULT line to $OUT and stops everything it started.
#
#   bench/run-cluster-bench.sh <nodes> <label> [LoadTool options...]   # e.g. 2 c2 --clients 1000 --rate 0 --window 1000 --ack
#
# Environment: JAR (relay fat jar, default target/parley-relay.jar), RELAY_OPTS (default -Xmx1g),
# RELAY_ARGS (extra relay flags), TOOL_OPTS (default -Xmx2g), TOOL_CP (as in run-bench.sh),
# OUT (default target/bench/cluster-results.txt), PORT (first node's port, default 9443),
# KEEP_LOGS (a directory to copy the node and Redis logs to), REDIS_PORT (default 16400), REDIS_PERSIST: always (default: AOF fsynced before Redis answers, the
# embedded store's "durable before sent"), everysec (AOF fsynced once a second) or off (memory only).
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=$1; label=$2; shift 2
JAR=${JAR:-target/parley-relay.jar}
RELAY_OPTS=${RELAY_OPTS:--Xmx1g}
TOOL_OPTS=${TOOL_OPTS:--Xmx2g}
OUT=${OUT:-target/bench/cluster-results.txt}
PORT=${PORT:-9443}
REDIS_PORT=${REDIS_PORT:-16400}
REDIS_PERSIST=${REDIS_PERSIST:-always}
work=$(mktemp -d /tmp/parley-cluster-bench.XXXXXX)
mkdir -p "$(dirname "$OUT")"
if [ -z "${TOOL_CP:-}" ]; then
  [ -f target/cp.txt ] || mvn -q -o -Drelay-only dependency:build-classpath -Dmdep.outputFile=target/cp.txt
  TOOL_CP=target/test-classes:target/classes:$(cat target/cp.txt)
fi
case "$REDIS_PERSIST" in
  always) persist=(--appendonly yes --appendfsync always) ;;
  everysec) persist=(--appendonly yes --appendfsync everysec) ;;
  off) persist=(--appendonly no) ;;
  *) echo "REDIS_PERSIST must be always, everysec or off" >&2; exit 2 ;;
esac

pids=()
redis_pid=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done   # nodes leave the cluster first
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  [ -n "$redis_pid" ] && wait "$redis_pid" 2>/dev/null || true
  if [ -n "${KEEP_LOGS:-}" ]; then mkdir -p "$KEEP_LOGS" && cp "$work"/*.log "$KEEP_LOGS"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" "${persist[@]}" --dir "$work" \
    --logfile "$work/redis.log" &
redis_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break; sleep 0.1; done

urls=()
for i in $(seq 1 "$nodes"); do
  port=$((PORT + i - 1))
  # shellcheck disable=SC2086
  java $RELAY_OPTS -jar "$JAR" --host 127.0.0.1 --port "$port" --data-dir "$work/node$i" \
      --cluster "redis://127.0.0.1:$REDIS_PORT" --node-id "node$i" \
      --rate-limit 1000000 --rate-burst 1000000 --max-connections-per-address 1000000 \
      --handshake-timeout 300s --idle-timeout 600s ${RELAY_ARGS:-} > "$work/node$i.log" 2>&1 &
  pids+=($!)
  urls+=("wss://127.0.0.1:$port/")
done
for i in $(seq 1 "$nodes"); do
  for _ in $(seq 200); do grep -q "listening on" "$work/node$i.log" 2>/dev/null && break; sleep 0.1; done
  grep -q "listening on" "$work/node$i.log" || { cat "$work/node$i.log"; exit 1; }
done

url_list=$(IFS=,; echo "${urls[*]}")
pid_list=$(IFS=,; echo "${pids[*]}")
# shellcheck disable=SC2086
result=$(timeout 900 java $TOOL_OPTS -cp "$TOOL_CP" org.parley.relay.load.LoadTool --url "$url_list" \
    --relay-pid "$pid_list" --other-pid "$redis_pid" "$@" | tee /dev/stderr | grep '^RESULT') || true
echo "$(date -u +%FT%TZ) label=$label nodes=$nodes redis_persist=$REDIS_PERSIST ${result#RESULT }" | tee -a "$OUT"
