#!/bin/sh
# make-board-picture.sh [WIDTHxHEIGHT [OUT.png [board options…]]]: plays five incidents of one afternoon
# (one promise broken, one in its last minutes, a SEV2 nobody owns, one resolved), opens the commander's board
# on them in tmux at 13:40 UTC, and renders the screen at 1920x1080 with headless Chromium.
set -eu
cd "$(dirname "$0")/../.."
size=${1:-200x60}
out=${2:-Tests/Pictures/board.png}
[ $# -gt 2 ] && shift 2 && options="$*" || options="--read-only --big --theme high-contrast"
columns=${size%x*} rows=${size#*x}
. Tests/Pictures/scripted-incident.sh
socket="crisis-board-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

at 13:00 dana open "EU card payments failing at checkout" --severity 1 --customer "Northwind Retail" --cadence 20m
at 13:01 dana owner "Dana Reyes" --phone "+49 30 5550 142"
at 13:02 dana role comms "Marc Weber" --phone "+49 30 5550 177"
at 13:05 lee  open "Search returns nothing for some queries" --severity 3 --customer Globex --owner "Lee Park" --phone "+1 555 0100"
at 13:08 mia  brief "Card payments fail for EU shoppers; we are checking the 13:50 release" --next 14:25 --why "rollback decision by then" --incident 1
at 13:15 ops  open "Payments API times out for one in five calls" --severity 2 --customer Initech --cadence 20m
at 13:20 cy   open "Login loop on single sign-on" --severity 2 --customer "Umbrella Health" --owner "Cy Moreau" --phone "+33 1 5550 1000"
at 13:26 mia  brief "We are rolling back the 13:50 release; card payments still fail" --next 14:43 --why "the rollback takes 15 minutes" --incident 1
at 13:27 ana  deadline "confirm the pool limit on db-eu-2" --in 15m --owner carl --incident 1
at 13:31 cy   brief "Sign-in works again for every user" --next 15:00 --why "we watch it for an hour" --incident 4
at 13:32 cy   status resolved --incident 4
at 13:33 lee  deadline "reindex the EU shard" --in 5m --incident 2
at 13:36 bo   note "rollback on 9 of 12 nodes; error rate down to 11%" --incident 1
at 13:38 kai  open "Webhook deliveries delayed" --severity 4 --customer "Acme Corp" --owner "Kai Berg" --phone "+1 555 0199"
at 13:39 mia  impact "Northwind sees card payments succeed again for about 9 in 10 shoppers" --incident 1

tmux -L "$socket" -f /dev/null new-session -d -x "$columns" -y "$rows" \
    "TERM=xterm-256color CRISIS_NOW=2026-11-23T13:40:00Z CRISIS_DB='$CRISIS_DB' TZ=$TZ CRISIS_AUTHOR=wall '$crisis' board $options"
# The board draws its first frame within a second; give a slow machine three.
sleep 3
tmux -L "$socket" capture-pane -p -e -t 0 >"$work/board.ansi"
Tests/Pictures/render-terminal.sh "$work/board.ansi" "$work/board.png" "$columns" "$rows"
cp "$work/board.png" "$out"
echo "wrote $out ($(wc -c <"$out") bytes)"
