/// The bottom line: what just happened or went wrong (a command's error, word for word), a question that
/// waits for an answer, or the keys that matter most.
public struct StatusLine {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let state = context.state
        if case .confirmQuit(let typedQ)? = state.overlay {
            let style = Style(.warning, bold: true, reverse: true)
            grid.fill(row, style: style)
            let question = !state.composer.editor.isEmpty
                ? " Quit and lose the text in the composer? y quits, any other key stays "
                : typedQ ? " Quit crisis? y quits, any other key goes on typing " : " Quit crisis? y quits "
            grid.put(TextWrap.truncate(question, width: row.width), at: Point(x: row.x, y: row.y), style: style,
                     limit: row.maxX)
            return
        }
        grid.fill(row, style: Style(.status))
        if let status = state.status {
            let style = status.kind == .error ? Style(.alarm, bold: true) : Style(.status)
            let prefix = status.kind == .error ? " ✗ " : " "
            grid.put(TextWrap.truncate(prefix + safe(status.text), width: row.width), at: Point(x: row.x, y: row.y),
                     style: style, limit: row.maxX)
            return
        }
        let hints = state.options.readOnly
            ? " read-only · Tab pane · PgUp/PgDn scroll · End follow · ? help · q quit"
            : " Tab channel · Enter post · /verb command · PgUp/PgDn scroll · ? help · q quit"
        grid.put(TextWrap.truncate(hints, width: row.width), at: Point(x: row.x, y: row.y), style: Style(.muted),
                 limit: row.maxX)
    }
}
