#!/usr/bin/env bash
# End-to-end test of encryption plugins (issue 5). Copies the materialized product twice so that the
# installs never touch the build output, then:
#   copy B: the p2 director run by the product itself installs the post-quantum plugin from the product's
#           p2 repository (the documented command line); "dave" runs copy B's GUI, and "bob" and "carol"
#           are headless clients built from copy B's jars, so they have the scheme only because the
#           director put it there;
#   copy A: "alice" runs the GUI without the plugin; the test opens Parley > Encryption Plugins... with
#           xdotool, types the repository folder, installs the plugin LIVE (no restart) and then sends to
#           Everyone with x25519-mlkem768-aes-gcm: bob must print the message decrypted with that scheme
#           and echo it back (shown decrypted in alice's window, screenshot), and dave's GUI must have
#           received and decrypted it (read back from dave's encrypted history after dave exits);
#   missing plugin: alice writes (in the new scheme) to carol while carol is offline; carol then comes
#           back with the ORIGINAL product's jars (no plugin) and must print the notice naming the plugin.
#
# usage: plugin-e2e-test.sh PRODUCT_DIR REPOSITORY_DIR RELAY_JAR OUTPUT_DIR
set -euo pipefail
PRODUCT=$1 REPO=$2 RELAY_JAR=$3 OUT=$4
SCHEME=x25519-mlkem768-aes-gcm
FEATURE=org.parley.crypto.pq.feature
. "$(dirname "$0")/script-lib.sh"
mkdir -p "$OUT"
parley_work
shot() { command -v import >/dev/null && import -window root "$OUT/$1.png" 2>/dev/null && echo "screenshot: $OUT/$1.png" || true; }
fail() {
  echo "PLUGIN E2E TEST FAILED: $*" >&2
  shot plugin-e2e-failure
  for f in "$WORK"/*.log "$WORK"/alice/workspace/.metadata/.log; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -n 40 "$f" >&2; }
  done
  exit 1
}
waitfor() { # seconds file pattern
  local end=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$end" ]; do grep -qE "$3" "$2" 2>/dev/null && return 0; sleep 0.2; done
  return 1
}
[ -n "${DISPLAY:-}" ] || fail "no X display (run through ./test.sh, which starts Xvfb)"
command -v xdotool >/dev/null || fail "xdotool is not installed"
ls "$REPO"/plugins/org.parley.crypto.pq_*.jar >/dev/null 2>&1 || fail "the p2 repository $REPO has no org.parley.crypto.pq bundle"
start=$(date +%s)

cp -a "$PRODUCT" "$WORK/A"
cp -a "$PRODUCT" "$WORK/B"
bundles_info=configuration/org.eclipse.equinox.simpleconfigurator/bundles.info
! grep -q '^org.parley.crypto.pq,' "$WORK/A/$bundles_info" || fail "the product already contains the plugin"

# --- copy B: the command-line install, with the director run by the product itself
# (the Equinox launcher jar directly: the 'parley' script adds workbench options the director rejects)
"$JAVA" -jar "$(ls "$WORK"/B/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)" \
  -install "$WORK/B" -configuration "$WORK/B/configuration" -nosplash -application org.eclipse.equinox.p2.director \
  -repository "file:$REPO" -installIU "$FEATURE.feature.group" -destination "$WORK/B" -profile DefaultProfile \
  >"$WORK/director.log" 2>&1 || fail "the p2 director failed: $(tail -n 5 "$WORK/director.log")"
grep -q "^org.parley.crypto.pq," "$WORK/B/$bundles_info" || fail "the director did not add the plugin to bundles.info"
ls "$WORK"/B/plugins/org.parley.crypto.pq_*.jar >/dev/null || fail "the director did not copy the plugin's jar"
echo "CLI: the p2 director installed $FEATURE into copy B ($(( $(date +%s) - start )) s so far)"

start_relay "$RELAY_JAR" || fail "the relay did not start"
relay="wss://127.0.0.1:$port"

cp_of() { ls "$1"/plugins/org.parley.*.jar "$1"/plugins/com.fasterxml.jackson.*.jar "$1"/plugins/bcprov_*.jar | tr '\n' ':'; }
export PARLEY_PASSPHRASE="plugin e2e passphrase"

main_windows() { xdotool search --onlyvisible --name '^Parley ?$' 2>/dev/null | sort; }

# --- dave: the GUI of copy B (plugin installed by the director), online before alice installs hers
"$WORK/B/parley" --profile "$WORK/dave" --relay "$relay" --user dave --connect >"$WORK/dave.log" 2>&1 &
dave=$!
pids+=($dave)
timeout 60 xdotool search --sync --onlyvisible --name '^Parley ?$' >/dev/null 2>&1 || fail "no window for dave within 60 s"
dave_windows=$(main_windows)

# --- alice: the GUI of copy A, without the plugin (no window manager: her window opens on top of dave's)
"$WORK/A/parley" --profile "$WORK/alice" --relay "$relay" --user alice --connect >"$WORK/alice.log" 2>&1 &
pids+=($!)
window=""
for _ in $(seq 300); do
  window=$(comm -13 <(echo "$dave_windows") <(main_windows) | head -n 1)
  [ -n "$window" ] && break
  sleep 0.2
done
[ -n "$window" ] || fail "no window for alice within 60 s"

# --- bob: headless, copy B's jars (plugin installed by the director), echoes what it receives
"$JAVA" -cp "$(cp_of "$WORK/B")" org.parley.chat.internal.HeadlessClient --relay "$relay" --user bob --echo \
  --timeout 80 >"$WORK/bob.log" 2>&1 </dev/null &
pids+=($!)
waitfor 30 "$WORK/bob.log" '^CONNECTED' || fail "bob did not connect"
waitfor 20 "$WORK/bob.log" '^JOIN alice' || fail "bob does not see alice"

# --- alice installs the plugin live through Parley > Encryption Plugins...
focus() { xdotool windowraise "$1" 2>/dev/null || true; xdotool windowfocus --sync "$1" 2>/dev/null || true; sleep 0.3; }
# GTK may replace the dialog's X window while it is shown, so look it up again every time
focus_dialog() { local d; d=$(xdotool search --onlyvisible --name '^Encryption Plugins' | tail -n 1) && focus "$d"; }
focus "$window"
xdotool mousemove 88 72; sleep 0.3; xdotool click 1   # the "Parley" menu (window at 60,60: see Application.e4xmi)
sleep 0.8
shot plugin-menu
# "Encryption Plugins..." sits right after "Allowed Encryption Schemes..." (the fragment's positionInList);
# GTK menus opened by a synthetic click ignore mnemonics, so click the item (5th row of the menu)
xdotool mousemove 153 198; sleep 0.3; xdotool click 1
timeout 20 xdotool search --sync --onlyvisible --name '^Encryption Plugins' >/dev/null \
  || fail "the Encryption Plugins dialog did not open"
sleep 1
focus_dialog
shot plugin-dialog-before
xdotool type --delay 5 "$REPO"
# Enter in the location field lists the repository's plugins and focuses the first installable one;
# Enter there installs it. Loading takes a while on a busy machine, so press Enter again until p2 has
# written the plugin into the profile (an extra Enter only reloads the list or is refused as busy).
installed=""
for _ in 1 2 3 4 5 6 7 8; do
  focus_dialog
  xdotool key Return
  if waitfor 6 "$WORK/A/$bundles_info" '^org.parley.crypto.pq,'; then installed=yes; break; fi
done
[ -n "$installed" ] || fail "the dialog did not install the plugin into copy A"
# the bundle starts, its scheme registers, and alice logs in again to publish the new key (bob sees it)
for _ in $(seq 100); do [ "$(grep -c '^JOIN alice' "$WORK/bob.log")" -ge 2 ] && break; sleep 0.2; done
[ "$(grep -c '^JOIN alice' "$WORK/bob.log")" -ge 2 ] || fail "alice did not log in again with the new scheme's key"
sleep 1
focus_dialog
shot plugin-dialog-installed
xdotool key Escape            # close the dialog
for _ in $(seq 50); do xdotool search --onlyvisible --name '^Encryption Plugins' >/dev/null || break; sleep 0.2; done
xdotool search --onlyvisible --name '^Encryption Plugins' >/dev/null && fail "the dialog did not close"
echo "GUI: the dialog installed $FEATURE into the running alice ($(( $(date +%s) - start )) s so far)"

# --- alice sends to Everyone with the new scheme: composer -> scheme box (last entry) -> composer
send_with_new_scheme() { # text
  focus "$window"
  xdotool mousemove 460 660; sleep 0.2; xdotool click 1; sleep 0.3   # into the composer of the Everyone tab
  xdotool key ctrl+Tab; sleep 0.3
  xdotool key End; sleep 0.3
  xdotool key ctrl+shift+Tab; sleep 0.3
  xdotool type --delay 10 "$1"
  xdotool key Return
}
text="post-quantum hello $(date +%s)"
send_with_new_scheme "$text"
waitfor 20 "$WORK/bob.log" "^MSG alice \\* $SCHEME: $text\$" \
  || fail "bob did not receive alice's message decrypted with $SCHEME: $(grep '^MSG\|^NOTICE' "$WORK/bob.log" || true)"
echo "bob received alice's message sealed with $SCHEME and decrypted it"
# dave's GUI: exit, then read what its encrypted history recorded (the history file is single-user, and
# its store commits in the background about once a second: give dave time to receive and commit first)
sleep 4
kill -TERM "$dave" 2>/dev/null || true
for _ in $(seq 50); do kill -0 "$dave" 2>/dev/null || break; sleep 0.2; done
kill -KILL "$dave" 2>/dev/null || true
"$JAVA" -cp "$(cp_of "$WORK/B"):$(ls "$WORK"/B/plugins/com.h2database_*.jar)" "$(dirname "$0")/e2e/HistorySearch.java" \
  "$WORK/dave" "$text" >"$WORK/dave-history.log" 2>&1 || fail "could not read dave's history: $(cat "$WORK/dave-history.log")"
grep -qF "HIT * alice $SCHEME $text" "$WORK/dave-history.log" \
  || fail "dave's GUI did not receive alice's message decrypted with $SCHEME: $(cat "$WORK/dave-history.log")"
echo "dave's GUI (second product instance) received alice's message sealed with $SCHEME and decrypted it"
sleep 2
shot plugin-e2e-alice-echo

# --- carol: logs in once with the plugin (copy B), goes offline; alice writes to her in the new scheme
"$JAVA" -cp "$(cp_of "$WORK/B")" org.parley.chat.internal.HeadlessClient --relay "$relay" --user carol \
  --data-dir "$WORK/carol" --timeout 30 >"$WORK/carol1.log" 2>&1 </dev/null &
carol=$!
pids+=($carol)
waitfor 30 "$WORK/carol1.log" '^CONNECTED' || fail "carol did not connect"
sleep 2
kill "$carol" 2>/dev/null || true
sleep 1
xdotool windowfocus --sync "$window" 2>/dev/null || true
xdotool key ctrl+f; sleep 0.3
xdotool type --delay 10 carol; xdotool key Return; sleep 1
send_with_new_scheme "for carol $(date +%s)"
sleep 2
shot plugin-e2e-alice-to-carol
# carol comes back with the original product's jars: no plugin
"$JAVA" -cp "$(cp_of "$PRODUCT")" org.parley.chat.internal.HeadlessClient --relay "$relay" --user carol \
  --data-dir "$WORK/carol" --timeout 20 >"$WORK/carol2.log" 2>&1 </dev/null &
pids+=($!)
waitfor 25 "$WORK/carol2.log" "^NOTICE alice: .*'$SCHEME'.*not installed here.*$FEATURE" \
  || fail "carol without the plugin did not show which plugin is missing: $(cat "$WORK/carol2.log")"
grep "^NOTICE alice" "$WORK/carol2.log"
if grep -q 'Exception' "$WORK/alice/workspace/.metadata/.log" 2>/dev/null; then
  fail "alice logged an exception"
fi
echo "plugin end-to-end test passed in $(( $(date +%s) - start )) s"
