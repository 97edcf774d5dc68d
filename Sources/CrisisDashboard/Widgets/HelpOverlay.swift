import IncidentModel

/// The key help, drawn in a box over the middle of the dashboard; any key closes it.
public struct HelpOverlay {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    public static let lines: [(keys: String, action: String)] = [
        ("Tab", "switch between the technical and business channel"),
        ("Enter", "technical: post a note · business: briefing, then next update time and why"),
        ("/verb …", verbs),
        ("/edit  /who", "write in $EDITOR · /who: who wrote each (w on a wall)"),
        ("Esc", "back out of a briefing's questions, or to the board"),
        ("Ctrl-P", "preview the briefing as the customer gets it; sends nothing"),
        ("←/→ Home/End", "move in the composer (Home/End scroll when it is empty)"),
        ("Ctrl-A/E/U/W/K", "start, end, delete to start, word, to end"),
        ("↑/↓", "composer history"),
        ("PgUp/PgDn", "scroll the focused channel; End follows the newest again"),
        ("F1  /help", "this help (? on a read-only wall)"),
        ("Ctrl-C  /quit", "quit (asks first when text or unsent entries would be lost; q on a wall)"),
    ]

    /// Every verb the composer takes, from the verb table: `open` is left out, as the dashboard always
    /// shows an incident already open.
    static var verbs: String {
        let names = VerbTable.verbs.filter(\.addsToIncident).map { "/" + $0.name }
        return "a command, as on the command line: " + names.joined(separator: " ")
            + " ('crisis VERB --help' explains each)"
    }

    public func render(into grid: inout Grid, area: Rect) {
        let keysWidth = Self.lines.map { $0.keys.count }.max() ?? 0
        let width = min(area.width - 2, 96)
        // A long action wraps under itself, its keys written once: the box's borders, a space, the keys and
        // two spaces come first.
        let actionWidth = max(1, width - keysWidth - 6)
        let rows = Self.lines.flatMap { line in
            TextWrap.wrap(line.action, firstWidth: actionWidth, width: actionWidth).enumerated().map { index, part in
                (keys: index == 0 ? line.keys : "", action: part)
            }
        }
        let height = min(area.height - 2, rows.count + 4)
        guard width >= 20, height >= 4 else { return }
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2,
                       width: width, height: height)
        OverlayBox.draw(box, title: "crisis keys", into: &grid)
        let inner = box.maxX - 2
        for (index, row) in rows.prefix(height - 4).enumerated() {
            let y = box.y + 2 + index
            let x = grid.put(" " + row.keys.padding(toLength: keysWidth, withPad: " ", startingAt: 0) + "  ",
                             at: Point(x: box.x + 1, y: y), style: Style(.focus, bold: true), limit: inner)
            grid.put(TextWrap.truncate(row.action, width: max(0, inner - x)), at: Point(x: x, y: y),
                     style: Style(.text), limit: inner)
        }
    }
}
