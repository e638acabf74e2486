# Sourced by smoke-test.sh, plugin-e2e-test.sh and bench/client-bench.sh: a scratch directory removed
# on exit together with the processes started meanwhile, and a local relay on a free port.
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# parley_work [mktemp template]: sets WORK; every pid added to pids is killed on exit.
parley_work() {
  WORK=$(mktemp -d ${1:+"$1"})
  pids=()
  trap parley_cleanup EXIT
}
parley_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}

# start_relay JAR: a relay on 127.0.0.1 with data in $WORK/relay and its log in $WORK/relay.log; sets port.
# Fails (status 1) if the relay has not reported its port within 20 s.
start_relay() {
  "$JAVA" -jar "$1" --host 127.0.0.1 --port 0 --data-dir "$WORK/relay" >"$WORK/relay.log" 2>&1 &
  pids+=($!)
  port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's#.*listening on wss://[^ ]*:\([0-9][0-9]*\)/.*#\1#p' "$WORK/relay.log" | head -n 1)
    [ -n "$port" ] && return 0
    sleep 0.2
  done
  return 1
}
