#!/bin/sh
# make-chain-picture.sh [OUT.png]: plays the first half hour of an incident, then rewrites one engineer's note
# with sqlite3 behind crisis's back (the trigger that refuses it dropped first), opens the war-room wall on the
# log at 13:30 UTC in tmux, and renders the top of the screen (the board and the red LOG REWRITTEN row, with
# the rewritten note below) at 1920 pixels wide with headless Chromium.
set -eu
cd "$(dirname "$0")/../.."
out=${1:-Tests/Pictures/chain-broken.png}
. Tests/Pictures/scripted-incident.sh
socket="crisis-chain-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

at 13:00 dana open "EU card payments failing at checkout" --severity 1 --customer "Northwind Retail" --cadence 20m
at 13:01 dana owner "Dana Reyes" --phone "+49 30 5550 142"
at 13:02 dana role comms "Marc Weber" --phone "+49 30 5550 177"
at 13:06 ana  note "13:50 release changed the payment pool size from 40 to 4"
at 13:08 mia  brief "Card payments fail for EU shoppers; we are checking the 13:50 release" --next 14:45 --why "rollback decision by then"
at 13:12 ana  deadline "roll back the 13:50 release" --in 15m --owner ana
at 13:21 bo   note "rollback on 9 of 12 nodes; error rate down to 11%"
# After the fact, someone makes the cause look like nobody's change.
sqlite3 "$CRISIS_DB" "DROP TRIGGER event_no_update; UPDATE event SET payload = replace(payload, '13:50 release changed the payment pool size from 40 to 4', 'payment provider degraded in EU') WHERE seq = 4;"

tmux -L "$socket" -f /dev/null new-session -d -x 200 -y 60 \
    "TERM=xterm-256color CRISIS_NOW=2026-11-23T13:30:00Z CRISIS_DB='$CRISIS_DB' TZ=$TZ CRISIS_AUTHOR=wall '$crisis' dashboard --read-only --big"
sleep 3
tmux -L "$socket" capture-pane -p -e -N -t 0 >"$work/wall.ansi"
Tests/Pictures/render-terminal.sh "$work/wall.ansi" "$work/wall.png" 200 60
convert "$work/wall.png" -crop 1920x600+0+0 "$out"
echo "wrote $out ($(wc -c <"$out") bytes)"
