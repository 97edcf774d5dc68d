#!/bin/sh
# render-terminal.sh ANSI PNG COLUMNS ROWS: draws a terminal screen captured with `tmux capture-pane -p -e`
# as a 1920x1080 picture, the way a 1080p wall screen shows it: xterm's 256 colours, bold, reverse video
# and the block characters of the countdown's digits as exact cells. Used by the make-*-picture.sh scripts.
set -eu
html=$(mktemp --suffix=.html)
trap 'rm -f "$html"' EXIT
python3 - "$1" "$html" "$3" "$4" <<'PY'
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
    # No reset here: tmux's capture-pane -e carries the last cell's attributes across lines and writes only
    # what changes, so a row can start in the colour the row above ended in.
    lines.append('<div class="row">%s</div>' % "".join(out))
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
    --screenshot="$2" --window-size=1920,1080 "file://$html" 2>/dev/null
