#!/bin/sh
# Regenerates Tests/Pictures/wall.png: the commander's wall screen (`crisis dashboard --read-only --big
# --theme high-contrast`) in a 200x60 tmux window, forty minutes into a scripted SEV1, drawn at 1920x1080
# the way a 1080p screen shows it: tmux's screen with its colours, as HTML in DejaVu Sans Mono sized so 200
# columns fill 1920 pixels, photographed by headless Chromium. Needs tmux, chromium, python3 and
# fonts-dejavu-core (apt-get install tmux chromium fonts-dejavu-core).
# Usage: Tests/Pictures/make-wall-picture.sh [WIDTHxHEIGHT [OUT.png [DASHBOARD-OPTION…]]]   (from anywhere;
# builds crisis first). Options default to --read-only --big --theme high-contrast; give others to look at
# an engineer's dashboard, e.g. make-wall-picture.sh 120x40 /tmp/engineer.png --as bo --channel technical
# (every picture is 1920x1080, so smaller terminals get larger letters).
set -eu
cd "$(dirname "$0")/../.."
size=${1:-200x60}
out=${2:-Tests/Pictures/wall.png}
[ $# -gt 2 ] && shift 2 && options="$*" || options="--read-only --big --theme high-contrast"
columns=${size%x*} rows=${size#*x}
. Tests/Pictures/scripted-incident.sh
socket="crisis-wall-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

at 13:00 dana open "EU card payments failing at checkout" --severity 1 --customer "Northwind Retail" --cadence 20m
at 13:02 dana owner "Dana Reyes" --phone "+49 30 5550 142"
at 13:03 dana role comms "Marc Weber" --phone "+49 30 5550 177"
at 13:03 dana role tech "Ana Lima"
at 13:03 mia  impact "EU shoppers cannot pay by card; about 40% of orders fail"
at 13:04 bo   note "/pay returns 502 since 13:58; error rate 38% in eu-west"
at 13:06 ana  frame "Is it the 13:50 release or the payment provider?"
at 13:08 mia  brief "We confirmed that card payments fail for EU shoppers and are checking the 13:50 release" --next 14:25 --why "rollback decision by then"
at 13:10 ana  deadline "decide whether to roll back the 13:50 release" --in 15m --owner bo
at 13:12 ana  question "Did Northwind change their CDN config today?"
at 13:15 bo   note "Payment provider status page is green; their API answers in 120 ms"
at 13:16 bo   note "canary on 2 nodes since 13:50 shows the same 5xx: not the provider"
at 13:17 mia  impact "Northwind's support line has 120 calls waiting; their CEO asked for a written update"
at 13:18 carl note "db-eu-2 connection pool at 100% since 13:51; waits of 4 s per checkout"
at 13:20 ana  note "13:50 release changed the pool config and the retry policy; reading the diff"
at 13:21 mia  impact "Northwind moved their newsletter send to tomorrow to keep traffic down"
at 13:22 bo   deadline slip D1 --in 10m --why "canary data still arriving"
at 13:26 mia  brief "We are rolling back the 13:50 release; card payments still fail" --next 14:45 --why "the rollback takes 15 minutes"
at 13:27 ana  deadline "confirm the pool limit on db-eu-2" --in 8m --owner carl
at 13:29 bo   note "rollback of 13:50 release started on 3 of 12 nodes"
at 13:31 ana  workaround "Shoppers can pay with PayPal or a saved card"
at 13:33 bo   deadline met D1 --why "rollback decided and started"
at 13:34 mia  ask "Send a HAR file from an affected browser" --why "only their browser shows the error"
at 13:35 carl note "db-eu-2 pool config read: max 50 connections, was 100"
at 13:36 bo   note "rollback on 9 of 12 nodes; error rate down to 11%"
at 13:37 mia  impact "Northwind sees card payments succeed again for about 9 in 10 shoppers"
at 13:38 carl note "pool limit halved in the 13:50 release: 50 instead of 100"

tmux -L "$socket" -f /dev/null new-session -d -x "$columns" -y "$rows" \
    "TERM=xterm-256color CRISIS_NOW=2026-11-23T13:40:00Z CRISIS_DB='$CRISIS_DB' TZ=$TZ '$crisis' dashboard $options"
# The dashboard draws its first frame within a second; give a slow machine three.
sleep 3
tmux -L "$socket" capture-pane -p -e -t 0 >"$work/wall.ansi"

# tmux's screen as HTML: each SGR run a span, on black, in the xterm 256-colour palette.
Tests/Pictures/render-terminal.sh "$work/wall.ansi" "$work/wall.png" "$columns" "$rows"
cp "$work/wall.png" "$out"
echo "wrote $out ($(wc -c <"$out") bytes)"
