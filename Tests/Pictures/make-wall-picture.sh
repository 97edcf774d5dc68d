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
python3 - "$work/wall.ansi" "$work/wall.html" "$columns" "$rows" <<'PY'
import html, re, sys
source, target, columns, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
base = ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
        "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff"]
steps = [0, 95, 135, 175, 215, 255]
palette = base + ["#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6]) for n in range(216)] \
    + ["#%02x%02x%02x" % ((8 + 10 * n,) * 3) for n in range(24)]
default_fg, default_bg = "#e5e5e5", "#000000"
state = {"fg": None, "bg": None, "bold": False, "reverse": False}

def apply(codes):
    codes = [int(c) if c else 0 for c in codes.split(";")] if codes else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0: state.update(fg=None, bg=None, bold=False, reverse=False)
        elif c == 1: state["bold"] = True
        elif c == 22: state["bold"] = False
        elif c == 7: state["reverse"] = True
        elif c == 27: state["reverse"] = False
        elif 30 <= c <= 37: state["fg"] = palette[c - 30]
        elif 90 <= c <= 97: state["fg"] = palette[c - 82]
        elif c == 39: state["fg"] = None
        elif 40 <= c <= 47: state["bg"] = palette[c - 40]
        elif 100 <= c <= 107: state["bg"] = palette[c - 92]
        elif c == 49: state["bg"] = None
        elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
            state["fg" if c == 38 else "bg"] = palette[codes[i + 2]]; i += 2
        elif c in (38, 48) and i + 4 < len(codes) and codes[i + 1] == 2:
            state["fg" if c == 38 else "bg"] = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5]); i += 4
        i += 1

# Terminals draw block elements as exact cell fills, not font glyphs (whose edges leave hairlines at
# fractional sizes): so do we, one cell-sized box each.
blocks = {"█": "{fg}", "▀": "linear-gradient({fg} 50%, {bg} 50%)", "▄": "linear-gradient({bg} 50%, {fg} 50%)"}

def span(text):
    fg, bg = state["fg"] or default_fg, state["bg"] or default_bg
    if state["reverse"]: fg, bg = bg, fg
    weight = "font-weight:bold;" if state["bold"] else ""
    pieces = []
    for run in re.findall(r"[█▀▄]+|[^█▀▄]+", text):
        if run[0] in blocks:
            pieces.extend('<span class="cell" style="background:%s"></span>' % blocks[c].format(fg=fg, bg=bg)
                          for c in run)
        else:
            pieces.append('<span style="color:%s;background:%s;%s">%s</span>' % (fg, bg, weight, html.escape(run)))
    return "".join(pieces)

lines = []
for raw in open(source, encoding="utf-8").read().split("\n")[:rows]:
    out, last = [], 0
    for match in re.finditer(r"\x1b\[([0-9;]*)m", raw):
        if match.start() > last: out.append(span(raw[last:match.start()]))
        apply(match.group(1)); last = match.end()
    if last < len(raw): out.append(span(raw[last:]))
    lines.append('<div class="row">%s</div>' % "".join(out))
    state.update(fg=None, bg=None, bold=False, reverse=False)
cell_width, cell_height = 1920 / columns, 1080 / rows
# DejaVu Sans Mono's advance is 0.602 em: the font size that makes one cell cell_width pixels wide.
font_size = cell_width / 0.602
open(target, "w", encoding="utf-8").write("""<!doctype html><meta charset="utf-8"><style>
html, body { margin: 0; background: #000; width: 1920px; height: 1080px; overflow: hidden; }
.row { font-family: "DejaVu Sans Mono", monospace; font-size: %.3fpx; line-height: %.3fpx; height: %.3fpx;
       white-space: pre; font-kerning: none; overflow: hidden; }
.cell { display: inline-block; vertical-align: top; width: %.4fpx; height: %.3fpx; }
</style>%s""" % (font_size, cell_height, cell_height, cell_width, cell_height, "\n".join(lines)))
PY
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$work/wall.png" --window-size=1920,1080 "file://$work/wall.html" 2>/dev/null
cp "$work/wall.png" "$out"
echo "wrote $out ($(wc -c <"$out") bytes)"
