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
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true; }
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

./mvnw -B -ntp verify "$@"
