import IncidentModel

/// The bottom line: what just happened or went wrong (a command's error, word for word), a question that
/// waits for an answer, the briefing coach while a briefing is being written, or the keys that matter most.
public struct StatusLine {
    public let context: RenderContext
    /// Compiled once: the coach's patterns are read on every frame while someone types a briefing.
    private static let coach = BriefingCoach()

    public init(_ context: RenderContext) {
        self.context = context
    }

    /// The coach's view of the briefing being typed in the business channel, if it has anything to say.
    /// The reason for the next-update time is asked for right after, so a missing one is not flagged here.
    private func coachFinding() -> (first: CoachFinding, count: Int)? {
        let state = context.state
        guard state.focus == .business, state.composer.mode == .entry, !state.options.readOnly else { return nil }
        let text = state.composer.editor.text
        guard !text.allSatisfy(\.isWhitespace), !text.hasPrefix("/") else { return nil }
        let findings = Self.coach.review(text, committedTime: false)
        return findings.first.map { ($0, findings.count) }
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let state = context.state
        if case .confirmQuit(let typedQ)? = state.overlay {
            let style = Style(.warning, bold: true, reverse: true)
            grid.fill(row, style: style)
            let unsent = state.queued == 1 ? "1 entry is not sent yet" : "\(state.queued) entries are not sent yet"
            let question = !state.composer.editor.isEmpty
                ? " Quit and lose the text in the composer? y quits, any other key stays "
                : state.queued > 0 ? " \(unsent): they stay in the outbox for the next start. Quit? y quits "
                : typedQ ? " Quit crisis? y quits, any other key goes on typing " : " Quit crisis? y quits "
            grid.put(TextWrap.truncate(question, width: row.width), at: Point(x: row.x, y: row.y), style: style,
                     limit: row.maxX)
            return
        }
        grid.fill(row, style: Style(.status))
        // An error stays until dealt with; the coach speaks over older news while a briefing is typed.
        let finding = state.status?.kind == .error ? nil : coachFinding()
        if let finding {
            let more = finding.count > 1 ? " (+\(finding.count - 1) more)" : ""
            let text = " coach: \(finding.first.message)\(more)"
            grid.put(TextWrap.truncate(text, width: row.width), at: Point(x: row.x, y: row.y),
                     style: Style(.warning, bold: true), limit: row.maxX)
            return
        }
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
