import IncidentModel

/// The bottom line: what just happened or went wrong (a command's error, word for word), a question that
/// waits for an answer, the briefing coach while a briefing is being written, or the keys that matter most.
public struct StatusLine {
    public let context: RenderContext
    /// Compiled once: the coach's patterns are read on every frame while someone types a briefing.
    private static let coach = BriefingCoach.bundled

    public init(_ context: RenderContext) {
        self.context = context
    }

    /// The coach's view of the briefing being written, as the CLI's `brief` would give it: while its text is
    /// typed (the time and its reason are asked for next, so a missing reason is not flagged yet), while its
    /// time is asked for, while its reason is asked for (an empty reason is flagged, as `brief --next` without
    /// `--why` is), and for a `/brief` line typed whole.
    private func coachFindings() -> [CoachFinding] {
        let state = context.state
        guard !state.options.readOnly else { return [] }
        let text = state.composer.editor.text
        switch state.composer.mode {
        case .entry:
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("/") {
                guard case let .brief(briefing, next, why)? = try? CommandGrammar.parse(line: trimmed) else { return [] }
                return Self.coach.review(briefing, committedTime: next != nil, reason: why)
            }
            guard state.focus == .business, !trimmed.isEmpty else { return [] }
            return Self.coach.review(text, committedTime: false)
        case .briefingNextUpdate(let briefing):
            return Self.coach.review(briefing, committedTime: false)
        case .briefingReason(let briefing, _):
            return Self.coach.review(briefing, committedTime: true, reason: text)
        }
    }

    /// Every finding on one line: whole when they fit, else each cut to a fair share of the width; when even
    /// that is too tight, as many as fit and how many more there are.
    public static func coachLine(_ findings: [CoachFinding], width: Int) -> String {
        let prefix = " coach: "
        let separator = " · "
        let available = width - DisplayWidth.of(prefix)
        let whole = findings.map(\.message).joined(separator: separator)
        if findings.count == 1 || DisplayWidth.of(whole) <= available {
            return TextWrap.truncate(prefix + whole, width: width)
        }
        let brief = findings.map(\.summary)
        // A finding cut shorter than this no longer says what it is about.
        let shortest = 14
        for shown in stride(from: brief.count, through: 1, by: -1) {
            let more = shown < brief.count ? " (+\(brief.count - shown) more)" : ""
            let room = available - DisplayWidth.of(more) - DisplayWidth.of(separator) * (shown - 1)
            guard shown == 1 || room / shown >= shortest else { continue }
            let shares = fairShares(brief.prefix(shown).map { DisplayWidth.of($0) }, room: room)
            let parts = zip(brief.prefix(shown), shares).map { TextWrap.truncate($0, width: $1) }
            return prefix + parts.joined(separator: separator) + more
        }
        return TextWrap.truncate(prefix + whole, width: width)
    }

    /// Splits `room` cells among texts of `widths`: the short ones whole, the rest an equal share.
    private static func fairShares(_ widths: [Int], room: Int) -> [Int] {
        var shares = widths
        var left = room
        var open = widths.indices.sorted { widths[$0] < widths[$1] }
        while let index = open.first {
            let share = max(1, left / open.count)
            if widths[index] <= share {
                left -= widths[index]
                open.removeFirst()
            } else {
                for index in open { shares[index] = share }
                break
            }
        }
        return shares
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let state = context.state
        if state.overlay == .confirmQuit {
            let style = Style(.warning, bold: true, reverse: true)
            grid.fill(row, style: style)
            let unsent = state.queued == 1 ? "1 entry is not sent yet" : "\(state.queued) entries are not sent yet"
            let question = !state.composer.editor.isEmpty
                ? " Quit and lose the text in the composer? y quits, any other key stays "
                : state.queued > 0 ? " \(unsent): they stay in the outbox for the next start. Quit? y quits "
                : " Quit crisis? y quits "
            grid.put(TextWrap.truncate(question, width: row.width), at: Point(x: row.x, y: row.y), style: style,
                     limit: row.maxX)
            return
        }
        grid.fill(row, style: Style(.status))
        // An error stays until dealt with; the coach speaks over older news while a briefing is typed.
        let findings = state.status?.kind == .error ? [] : coachFindings()
        if !findings.isEmpty {
            grid.put(Self.coachLine(findings, width: row.width), at: Point(x: row.x, y: row.y),
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
        let hints = switch (state.options.readOnly, state.options.fromBoard) {
        case (true, false): " read-only · Tab pane · PgUp/PgDn scroll · End follow · ? help · q quit"
        case (true, true): " read-only · b or Esc board · Tab pane · PgUp/PgDn scroll · End follow · ? help · q quit"
        case (false, false): " Tab channel · Enter post · /verb commands · PgUp/PgDn · F1 help · Ctrl-C quit"
        case (false, true): " Esc board · Tab channel · Enter post · /verb commands · PgUp/PgDn · F1 help · Ctrl-C quit"
        }
        grid.put(TextWrap.truncate(hints, width: row.width), at: Point(x: row.x, y: row.y), style: Style(.muted),
                 limit: row.maxX)
    }
}
