#!/usr/bin/env bash
# Builds Parley and runs every test: unit and integration tests of all bundles and the relay, the UI
# tests on a real SWT display, and the product smoke test (launches the built product, screenshots it).
# UI tests need an X display: without $DISPLAY this script starts Xvfb (installing xvfb, xdotool and
# imagemagick (and GTK 3 for SWT) with apt-get when run as root and they are missing).
set -euo pipefail
cd "$(dirname "$0")"
. .mvn/parley-java.sh
parley_find_jdk

need=()
[ -n "${DISPLAY:-}" ] || command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v xdotool >/dev/null 2>&1 || need+=(xdotool)
{ command -v import >/dev/null 2>&1 && import -version >/dev/null 2>&1; } || need+=(imagemagick)
{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libgtk-3\.so\.0' || need+=(libgtk-3-0)   # SWT's native side
# The relay cluster tests need a Redis server: installed with the packages above when root (as in CI);
# without one they are skipped (with a message), not failed.
if ! command -v redis-server >/dev/null 2>&1 && [ -z "${PARLEY_TEST_REDIS:-}" ] \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  need+=(redis-server)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${need[*]} (needed by the UI and product tests)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "test.sh: the UI and product tests need: ${need[*]}." >&2
    echo "Install them first, e.g.: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi

xvfb_pid=""
redis_pid=""
redis_dir=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
  [ -n "$redis_dir" ] && rm -rf "$redis_dir" || true
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 91 120); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    export DISPLAY=":$n"
    break
  done
  sleep 1
fi

# A private Redis for the relay cluster tests: loopback only, a free port, no persistence, its files in a
# temporary directory; stopped by cleanup. An existing PARLEY_TEST_REDIS is used as it is.
if [ -z "${PARLEY_TEST_REDIS:-}" ]; then
  if command -v redis-server >/dev/null 2>&1; then
    redis_dir=$(mktemp -d)
    for port in $(seq 16379 16479); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue   # in use
      redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$redis_dir" \
        --logfile "$redis_dir/redis.log" >/dev/null 2>&1 &
      redis_pid=$!
      for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        kill -0 "$redis_pid" 2>/dev/null || break
        sleep 0.1
      done
      if kill -0 "$redis_pid" 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        export PARLEY_TEST_REDIS="redis://127.0.0.1:$port"
        echo "test.sh: redis-server for the relay cluster tests on $PARLEY_TEST_REDIS"
        break
      fi
      redis_pid=""   # lost the port to someone else: try the next one
    done
  fi
  [ -n "${PARLEY_TEST_REDIS:-}" ] || echo "test.sh: no redis-server: the relay cluster tests will be SKIPPED (install redis-server to run them)"
fi

./mvnw -B -ntp verify "$@"
