import IncidentModel

/// The composer at the bottom: a prompt saying what Enter will do, and the text, scrolled sideways so the
/// cursor stays in view. Sets the grid's cursor where the next character goes.
public struct ComposerLine {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    public var prompt: (text: String, style: Style) {
        let state = context.state
        switch state.composer.mode {
        case .entry:
            let role: StyleRole = state.focus == .technical ? .technical : .business
            let verb = state.focus == .technical ? NoteVerb.verb.name : "briefing"
            return ("\(verb)› ", Style(role, bold: true))
        case .briefingNextUpdate:
            return ("next update at (WHEN)› ", Style(.business, bold: true, reverse: true))
        case .briefingReason:
            return ("why then?› ", Style(.business, bold: true, reverse: true))
        }
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        grid.fill(row, style: Style(.composer))
        let prompt = self.prompt
        let x = grid.put(" " + prompt.text, at: Point(x: row.x, y: row.y), style: prompt.style, limit: row.maxX)
        let editor = context.state.composer.editor
        let available = row.maxX - x - 1
        guard available > 0 else { return }
        if editor.isEmpty && context.state.composer.mode == .entry {
            let hint = context.state.focus == .technical
                ? "type a note, /verb for commands, F1 for help" : "type a briefing for the customer, F1 for help"
            grid.put(TextWrap.truncate(hint, width: available), at: Point(x: x, y: row.y), style: Style(.muted),
                     limit: row.maxX)
            if context.state.overlay == nil { grid.cursor = Point(x: x, y: row.y) }
            return
        }
        let visible = Self.visibleText(editor, width: available)
        // An offer shows as a selection does: what the first key typed replaces.
        let style = context.state.composer.offered ? Style(.composer, reverse: true) : Style(.composer)
        grid.put(visible.text, at: Point(x: x, y: row.y), style: style, limit: row.maxX)
        if context.state.overlay == nil { grid.cursor = Point(x: x + visible.cursorColumn, y: row.y) }
    }

    /// The part of the text that fits `width` cells with the cursor in view, and the cursor's column in it.
    static func visibleText(_ editor: LineEditor, width: Int) -> (text: String, cursorColumn: Int) {
        let pieces = editor.characters.map { TerminalSafeText.sanitize(String($0)) }
        let widths = pieces.map { DisplayWidth.of($0) }
        // Start as far left as possible while the cursor (plus one cell for it) still fits.
        var start = 0
        var before = widths[..<editor.cursor].reduce(0, +)
        while before + 1 > width, start < editor.cursor {
            before -= widths[start]
            start += 1
        }
        var text = ""
        var used = 0
        for index in start..<pieces.count {
            if used + widths[index] > width { break }
            text += pieces[index]
            used += widths[index]
        }
        return (text, before)
    }
}
