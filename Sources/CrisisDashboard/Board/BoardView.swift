import Foundation
import IncidentModel

/// The commander's board for a state: a header, the most urgent countdown in block digits on a wall, one row
/// per open incident (most urgent first), and a line of keys. A pure function of the state, like the
/// dashboard's view, so tests snapshot it at any size.
public struct BoardView: Sendable {
    public let display: TimeDisplay

    public static let minimumWidth = 60
    public static let minimumHeight = 10
    /// The title column never shrinks below this; columns of lower priority go first.
    static let minimumTitle = 16

    public init(display: TimeDisplay) {
        self.display = display
    }

    public func render(_ state: BoardState) -> Grid {
        var grid = Grid(width: state.width, height: state.height)
        guard state.width >= Self.minimumWidth, state.height >= Self.minimumHeight else {
            renderTooSmall(into: &grid)
            return grid
        }
        renderHeader(state, into: &grid)
        var y = 1
        let rows = state.rows
        if state.options.big, let first = rows.first, state.height >= 24 {
            y = renderBig(first, state, into: &grid, at: y)
        }
        let columns = fitting(width: state.width, now: state.now)
        let widths = Self.widths(of: columns, for: rows, width: state.width)
        y = renderHeadings(columns, widths: widths, into: &grid, at: y + 1)
        let footer = state.height - 1
        if rows.isEmpty {
            renderEmpty(state, into: &grid, from: y, to: footer)
        } else {
            let selected = state.selectedIndex
            // The chosen row stays in view: the page scrolls with it.
            let room = max(1, footer - y)
            let first = max(0, min(selected - room + 1, rows.count - room))
            for (offset, digest) in rows[max(0, first)...].prefix(room).enumerated() {
                let index = max(0, first) + offset
                renderRow(digest, index: index, columns: columns, widths: widths, selected: index == selected,
                          into: &grid, y: y + offset, width: state.width)
            }
            // What the page does not show, above and below, said where the rows end.
            let above = max(0, first), below = rows.count - above - min(room, rows.count)
            if above > 0 || below > 0 {
                let more = [above > 0 ? "↑ \(above) more" : nil, below > 0 ? "\(below) more ↓" : nil]
                    .compactMap { $0 }.joined(separator: " · ")
                grid.put(" \(more) ", at: Point(x: state.width - DisplayWidth.of(more) - 3, y: footer - 1), style: Style(.muted, bold: true))
            }
        }
        renderFooter(state, into: &grid, y: footer)
        if state.showsHelp { renderHelp(state, into: &grid) }
        return grid
    }

    /// The columns that fit `width`, dropping the least important first while the title keeps its room.
    func fitting(width: Int, now: Date) -> [BoardColumn] {
        var candidates = BoardColumn.all(now: now)
        while candidates.count > 1 {
            let used = candidates.reduce(0) { $0 + $1.column.width + 1 }
            if width - used >= Self.minimumTitle { break }
            guard let drop = candidates.indices.max(by: { candidates[$0].priority < candidates[$1].priority }),
                  candidates[drop].priority > 0 else { break }
            candidates.remove(at: drop)
        }
        return candidates.map(\.column)
    }

    // MARK: - Parts

    private func renderHeader(_ state: BoardState, into grid: inout Grid) {
        grid.fill(Rect(x: 0, y: 0, width: state.width, height: 1), style: Style(.header))
        let rows = state.rows
        let overdue = rows.filter { $0.nextUpdate(now: state.now).isOverdue }.count
        var text = " CRISIS BOARD · \(rows.count) open"
        if overdue > 0 { text += " · \(overdue) overdue" }
        if !state.filter.isEmpty { text += " · filter: \(TerminalSafeText.sanitize(state.filter.summary)) (\(state.hiddenCount) hidden)" }
        if state.options.readOnly { text += " · read-only" }
        let clock = display.clockWithSeconds(state.now) + " "
        let end = grid.put(text, at: Point(x: 0, y: 0), style: Style(.header, bold: true), limit: state.width - DisplayWidth.of(clock) - 1)
        if overdue > 0 {
            // The overdue count is the one thing on the header that must shout.
            let label = " · \(overdue) overdue"
            if let range = text.range(of: label) {
                let x = DisplayWidth.of(String(text[..<range.lowerBound])) + 3
                if x < end { grid.put("\(overdue) overdue", at: Point(x: x, y: 0), style: Style(.alarm, bold: true, reverse: true), limit: end) }
            }
        }
        grid.put(clock, at: Point(x: state.width - DisplayWidth.of(clock), y: 0), style: Style(.header, bold: true))
    }

    /// The most urgent incident's countdown in block digits, with what it is about, for the far side of a room.
    private func renderBig(_ digest: IncidentDigest, _ state: BoardState, into grid: inout Grid, at y: Int) -> Int {
        let (text, style) = BoardColumn.nextUpdate(digest, now: state.now)
        let label = "\(digest.id) · \(digest.severity) · \(TerminalSafeText.sanitize(digest.customer ?? "no customer")) · next update"
        grid.put(TextWrap.truncate(label, width: state.width - 4), at: Point(x: 2, y: y + 1), style: Style(.muted, bold: true))
        let digits = BlockDigits.rows(text.replacingOccurrences(of: "OVERDUE ", with: ""))
        let digitStyle = Style(style.role, bold: true)
        if let widest = digits.first.map(DisplayWidth.of), widest <= state.width - 4 {
            for (index, row) in digits.enumerated() {
                grid.put(row, at: Point(x: 2, y: y + 2 + index), style: digitStyle)
            }
            if text.hasPrefix("OVERDUE") {
                grid.put("OVERDUE", at: Point(x: 4 + widest, y: y + 2 + BlockDigits.height / 2), style: Style(.alarm, bold: true, reverse: true))
            }
            return y + 2 + BlockDigits.height
        }
        grid.put(text, at: Point(x: 2, y: y + 2), style: style)
        return y + 3
    }

    /// Each column's width: the fixed ones as they are; the customer's grows to its longest name (up to 24)
    /// and the title's to its longest title when the screen has room, the title taking at least its minimum.
    static func widths(of columns: [BoardColumn], for rows: [IncidentDigest], width: Int) -> [Int] {
        var widths = columns.map(\.width)
        // An id is never cut: INC-12345 takes what it needs.
        if let id = columns.firstIndex(where: { $0.heading == "ID" }) {
            widths[id] = max(widths[id], rows.map { $0.id.description.count }.max() ?? 0)
        }
        let spare = { width - 2 - widths.reduce(0, +) - widths.count }
        if let title = columns.firstIndex(where: { $0.heading == "TITLE" }) {
            widths[title] = minimumTitle
            let longest = rows.map { DisplayWidth.of(TerminalSafeText.sanitize($0.title)) }.max() ?? 0
            let titleWants = max(0, longest - minimumTitle)
            if let customer = columns.firstIndex(where: { $0.heading == "CUSTOMER" }) {
                let wanted = min(24, rows.map { DisplayWidth.of(TerminalSafeText.sanitize($0.customer ?? "-")) }.max() ?? 0)
                widths[customer] += max(0, min(wanted - widths[customer], spare() - titleWants))
            }
            widths[title] += max(0, min(titleWants, spare()))
        }
        return widths
    }

    private func renderHeadings(_ columns: [BoardColumn], widths: [Int], into grid: inout Grid, at y: Int) -> Int {
        var x = 1
        for (column, cellWidth) in zip(columns, widths) {
            grid.put(column.heading, at: Point(x: x, y: y), style: Style(.muted, bold: true), limit: x + cellWidth)
            x += cellWidth + 1
        }
        return y + 1
    }

    private func renderRow(_ digest: IncidentDigest, index: Int, columns: [BoardColumn], widths: [Int], selected: Bool,
                           into grid: inout Grid, y: Int, width: Int) {
        var x = 1
        // The chosen row is marked, and its id drawn in reverse: the row keeps its colours, which are its news.
        if selected { grid.put("▶", at: Point(x: 0, y: y), style: Style(.focus, bold: true)) }
        for (column, cellWidth) in zip(columns, widths) {
            var (text, style) = column.cell(digest, index)
            if selected && column.heading == "ID" { style = Style(.focus, bold: true, reverse: true) }
            grid.put(TextWrap.truncate(text, width: cellWidth), at: Point(x: x, y: y), style: style, limit: x + cellWidth)
            x += cellWidth + 1
        }
    }

    private func renderEmpty(_ state: BoardState, into grid: inout Grid, from top: Int, to bottom: Int) {
        var lines: [String]
        if let problem = state.problem, !state.loaded {
            lines = ["cannot read the incidents", TerminalSafeText.sanitize(problem)]
        } else if !state.loaded {
            lines = ["reading the open incidents…"]
        } else if state.hiddenCount > 0 {
            lines = ["no open incident matches the filter (\(TerminalSafeText.sanitize(state.filter.summary)))",
                     "\(state.hiddenCount) hidden: '/filter' alone shows every one"]
        } else {
            lines = ["no open incidents", "'crisis open TITLE --severity N' opens one; it appears here at once"]
        }
        let y = top + max(0, (bottom - top - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let text = TextWrap.truncate(line, width: state.width - 2)
            grid.put(text, at: Point(x: max(0, (state.width - DisplayWidth.of(text)) / 2), y: y + index),
                     style: index == 0 ? Style(.text, bold: true) : Style(.muted))
        }
    }

    private func renderFooter(_ state: BoardState, into grid: inout Grid, y: Int) {
        grid.fill(Rect(x: 0, y: y, width: state.width, height: 1), style: Style(.status))
        if let prompt = state.prompt {
            let visible = ComposerLine.visibleText(prompt, width: state.width - 2)
            grid.put(visible.text, at: Point(x: 1, y: y), style: Style(.composer))
            grid.cursor = Point(x: 1 + visible.cursorColumn, y: y)
            return
        }
        if let problem = state.problem, state.loaded {
            grid.put(TextWrap.truncate("cannot read the store: \(TerminalSafeText.sanitize(problem)); showing what was read last", width: state.width - 2),
                     at: Point(x: 1, y: y), style: Style(.alarm, bold: true))
            return
        }
        if let status = state.status {
            grid.put(TextWrap.truncate(TerminalSafeText.sanitize(status.text), width: state.width - 2), at: Point(x: 1, y: y),
                     style: status.kind == .error ? Style(.alarm, bold: true) : Style(.status))
            return
        }
        let keys = state.width >= 100
            ? "↑↓ choose · Enter open · 1-9 open row · /incident N · /filter acme sev1 · Esc back from an incident · ? help · q quit"
            : "↑↓ Enter open · 1-9 · /filter · ? help · q quit"
        grid.put(TextWrap.truncate(keys, width: state.width - 2), at: Point(x: 1, y: y), style: Style(.muted))
    }

    private func renderHelp(_ state: BoardState, into grid: inout Grid) {
        let lines = [
            "↑ ↓ or k j    choose an incident (Home/End, PgUp/PgDn)",
            "Enter         open it: its technical and business panes",
            "1 … 9         open the incident on that row",
            "/incident 12  open any incident, open or closed",
            "Esc or b      back to the board from an incident (Esc with an empty composer)",
            "/filter acme sev1 sev2   show some customers or severities (sev<=2 too)",
            "/filter       show every open incident again (the filter is kept per person)",
            "q or Ctrl-C   quit",
            "",
            "Rows are ordered by urgency: overdue updates first, then the soonest promised.",
            "NEXT UPDATE turns amber in its last five minutes and red once late.",
        ]
        let width = min(state.width - 4, 90)
        let height = min(state.height - 2, lines.count + 3)
        let box = Rect(x: (state.width - width) / 2, y: 1, width: width, height: height)
        OverlayBox.draw(box, title: "board keys", into: &grid)
        for (index, line) in lines.enumerated() where box.y + 1 + index < box.maxY - 1 {
            grid.put(line, at: Point(x: box.x + 2, y: box.y + 1 + index), style: Style(.text), limit: box.maxX - 2)
        }
    }

    private func renderTooSmall(into grid: inout Grid) {
        TooSmallMessage.render("terminal too small for the board", minimumWidth: Self.minimumWidth,
                               minimumHeight: Self.minimumHeight, into: &grid)
    }
}
