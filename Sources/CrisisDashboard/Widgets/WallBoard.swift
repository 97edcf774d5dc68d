import Foundation
import IncidentModel

/// The wall screen's board (`--big`), between the header band and the channels: what the commander steers
/// by, in letters readable across a room. The next update's countdown (or that nothing more is owed) stands
/// on the right, as large as it fits; beside and below it, one line each, the severity and status, the owner
/// and their phone, the record of promises, and every overdue deadline. A line too long for big letters at
/// this width is written in ordinary bold text instead, so a smaller screen still shows all of it.
public struct WallBoard: Equatable, Sendable {
    /// A run of text in one style.
    public struct Piece: Equatable, Sendable {
        public let text: String
        public let style: Style

        init(_ text: String, _ style: Style) {
            self.text = text
            self.style = style
        }
    }

    /// One thing placed on the board: big pieces (one line of block letters) or an ordinary line of text.
    public struct Placed: Equatable, Sendable {
        public let area: Rect
        public let pieces: [Piece]
        /// Nil for ordinary text.
        public let scale: BigText.Scale?
        /// Ordinary text after big letters, on their middle row, when there is room.
        public let note: Piece?
    }

    /// A line's wordings, most telling first, and its note.
    private struct Line {
        var wordings: [[Piece]]
        var note: Piece? = nil
    }

    public let placed: [Placed]
    /// Rows the board takes, from its top.
    public let height: Int

    /// The board for `state` at `width` cells, in at most `maxHeight` rows, with its top at row `top`.
    public init(_ state: DashboardState, display: TimeDisplay, width: Int, maxHeight: Int, top: Int) {
        var placed: [Placed] = []
        let panel = Self.panel(state, display: display, width: width, maxHeight: maxHeight)
        let panelWidth = panel.map(\.area.width).max() ?? 0
        let panelHeight = panel.map(\.area.maxY).max() ?? 0
        let panelX = width - panelWidth - 1
        for item in panel {
            placed.append(Placed(area: Rect(x: item.area.x + panelX, y: item.area.y + top, width: item.area.width,
                                            height: item.area.height),
                                 pieces: item.pieces, scale: item.scale, note: item.note))
        }
        var y = 0
        let bigHeight = BigText.height(at: .small)
        for line in Self.lines(state, display: display) {
            let beside = y < panelHeight
            let available = (beside ? panelX - 2 : width - 1) - 1
            let fitting = line.wordings.first { wording in
                let text = wording.map(\.text).joined()
                return BigText.canDraw(text) && BigText.width(of: text, at: .small) <= available
            }
            if let fitting, y + bigHeight <= maxHeight {
                placed.append(Placed(area: Rect(x: 1, y: top + y, width: available, height: bigHeight), pieces: fitting,
                                     scale: .small, note: line.note))
                y += bigHeight
            } else if y + 1 <= maxHeight, let wording = line.wordings.first {
                var pieces = wording
                if let note = line.note { pieces.append(Piece("  " + note.text, note.style)) }
                placed.append(Placed(area: Rect(x: 1, y: top + y, width: available, height: 1), pieces: pieces,
                                     scale: nil, note: nil))
                y += 1
            }
        }
        self.placed = placed
        height = min(maxHeight, max(y, panelHeight))
    }

    // MARK: - What it says

    /// The lines beside and below the countdown, most important first.
    private static func lines(_ state: DashboardState, display: TimeDisplay) -> [Line] {
        let incident = state.incident
        let now = state.now
        var lines: [Line] = []
        let severity = Piece("\(incident.severity) ", Style(incident.severity.requiresOwner ? .alarm : .header, bold: true))
        let status = Piece(incident.status.rawValue.uppercased(), Style(.text, bold: true))
        lines.append(Line(wordings: [[severity, status]]))

        if let owner = incident.owner {
            let name = Piece(safe(owner.name), Style(.text, bold: true))
            let phone = Piece(safe(owner.phone), Style(.business, bold: true))
            lines.append(Line(wordings: [[Piece("OWNER ", Style(.muted, bold: true)), name], [name]]))
            lines.append(Line(wordings: [[Piece("PHONE ", Style(.muted, bold: true)), phone], [phone]]))
        } else if incident.severity.requiresOwner {
            lines.append(Line(wordings: [[Piece("NO OWNER", Style(.alarm, bold: true))]],
                              note: Piece("\(incident.severity) needs one accountable owner", Style(.alarm, bold: true))))
        }
        // The wall names nobody else: it has room for what the room must act on, and a missing lead is that.
        if incident.lead(.comms) == nil && incident.severity.requiresOwner && incident.isOpen {
            lines.append(Line(wordings: [[Piece("NO COMMS LEAD", Style(.alarm, bold: true))]],
                              note: Piece("nobody is writing the briefings", Style(.alarm, bold: true))))
        }

        let onTime = incident.updatesOnTime(now: now)
        let slips = incident.deadlineSlipCount
        if onTime.settled > 0 || slips > 0 {
            let kept = onTime.kept == onTime.settled
            let record = Piece("\(onTime.kept)/\(onTime.settled)", Style(kept ? .countdown : .warning, bold: true))
            let slipped = Piece("\(slips)", Style(slips > 0 ? .warning : .countdown, bold: true))
            let label = Style(.muted, bold: true)
            var full = [Piece("UPDATES ON TIME ", label), record]
            var brief = [Piece("ON TIME ", label), record]
            if slips > 0 {
                full += [Piece(" · SLIPS ", label), slipped]
                brief += [Piece("  SLIPS ", label), slipped]
            }
            lines.append(Line(wordings: onTime.settled > 0 ? [full, brief] : [[Piece("SLIPS ", label), slipped]]))
        }

        let overdue = incident.openDeadlines.filter { Countdown(target: $0.dueAt, now: now).isOverdue }
        for deadline in overdue.sorted(by: { $0.dueAt < $1.dueAt }) {
            let late = Countdown(target: deadline.dueAt, now: now).overdueSeconds
            var note = safe(deadline.text)
            if let owner = deadline.owner { note += " (\(safe(owner)))" }
            lines.append(Line(wordings: [[Piece("\(deadline.label) ", Style(.technical, bold: true)),
                                          Piece("OVERDUE +\(Countdown.clock(late))", Style(.alarm, bold: true))]],
                              note: Piece(note, Style(.text, bold: true))))
        }
        return lines
    }

    /// The next update: a caption, the countdown in the largest letters that fit, and why then; or, once
    /// nothing more is owed, that in big letters instead of a count. Areas are relative to the panel.
    private static func panel(_ state: DashboardState, display: TimeDisplay, width: Int, maxHeight: Int) -> [Placed] {
        let incident = state.incident
        let now = state.now
        let maxWidth = width * 45 / 100
        var caption: Piece
        var big: [[Piece]]
        var footer: Piece
        switch incident.nextUpdate(now: now) {
        case let .promised(due, reason, countdown):
            let when = display.absolute(due, now: now)
            let style = RenderContext.style(for: countdown.urgency)
            if countdown.isOverdue {
                caption = Piece("NEXT UPDATE WAS DUE \(when) — OVERDUE", Style(.alarm, bold: true))
                big = [[Piece("+" + Countdown.clock(countdown.overdueSeconds), Style(.alarm, bold: true))]]
            } else {
                caption = Piece("NEXT UPDATE \(when)", Style(.business, bold: true))
                big = [[Piece(Countdown.clock(countdown.remainingSeconds), Style(style.role, bold: true))]]
            }
            footer = Piece("why: " + (reason.map(safe) ?? "(no reason given)"), Style(.muted))
        case .resolved(let at):
            caption = Piece("NEXT UPDATE", Style(.business, bold: true))
            big = [[Piece("RESOLVED \(display.clock(at))", Style(.countdown, bold: true))],
                   [Piece("NO UPDATE OWED", Style(.muted, bold: true))]]
            footer = Piece("no further updates promised; a briefing with a next time starts one again", Style(.muted))
        case .closed(let at):
            caption = Piece("NEXT UPDATE", Style(.business, bold: true))
            big = [[Piece("CLOSED \(display.clock(at))", Style(.countdown, bold: true))],
                   [Piece("NOTHING OWED", Style(.muted, bold: true))]]
            footer = Piece("closed after \(Countdown.span(incident.closedAt.map { $0.timeIntervalSince(incident.openedAt) } ?? 0)): no further updates owed",
                           Style(.muted))
        }
        // The largest scale at which every big line fits the panel's width and the board's height.
        let texts = big.map { $0.map(\.text).joined() }
        let scales: [BigText.Scale] = big.count == 1 ? [.large, .medium, .small] : [.medium, .small]
        let scale = scales.first { scale in
            texts.allSatisfy { BigText.width(of: $0, at: scale) <= maxWidth }
                && BigText.height(at: scale) * texts.count + 2 <= maxHeight
        }
        let bigWidth = scale.map { scale in texts.map { BigText.width(of: $0, at: scale) }.max() ?? 0 } ?? 0
        let panelWidth = min(maxWidth, max(bigWidth, DisplayWidth.of(caption.text), 24))
        var placed = [Placed(area: Rect(x: 0, y: 0, width: panelWidth, height: 1), pieces: [caption], scale: nil,
                             note: nil)]
        var y = 1
        for line in big {
            if let scale {
                let lineWidth = BigText.width(of: line.map(\.text).joined(), at: scale)
                let x = (panelWidth - lineWidth) / 2
                placed.append(Placed(area: Rect(x: x, y: y, width: lineWidth, height: BigText.height(at: scale)),
                                     pieces: line, scale: scale, note: nil))
                y += BigText.height(at: scale)
            } else {
                placed.append(Placed(area: Rect(x: 0, y: y, width: panelWidth, height: 1), pieces: line, scale: nil,
                                     note: nil))
                y += 1
            }
        }
        if y < maxHeight {
            placed.append(Placed(area: Rect(x: 0, y: y, width: panelWidth, height: 1), pieces: [footer], scale: nil,
                                 note: nil))
        }
        return placed
    }

    // MARK: - Drawing

    public func render(into grid: inout Grid) {
        for item in placed {
            guard let scale = item.scale else {
                var x = item.area.x
                for piece in item.pieces {
                    x = grid.put(TextWrap.truncate(piece.text, width: max(0, item.area.maxX - x)),
                                 at: Point(x: x, y: item.area.y), style: piece.style, limit: item.area.maxX)
                }
                continue
            }
            var x = item.area.x
            let gap = scale.across
            for (index, piece) in item.pieces.enumerated() {
                // Letters of one line sit a pixel apart, across pieces too.
                if index > 0 { x += gap }
                let rows = BigText.rows(piece.text, at: scale)
                for (offset, row) in rows.enumerated() {
                    grid.put(row, at: Point(x: x, y: item.area.y + offset), style: piece.style, limit: grid.width)
                }
                x += BigText.width(of: piece.text, at: scale)
            }
            if let note = item.note, item.area.maxX - x > 24 {
                let middle = item.area.y + BigText.height(at: scale) / 2
                grid.put(TextWrap.truncate("  " + note.text, width: item.area.maxX - x), at: Point(x: x, y: middle),
                         style: note.style, limit: item.area.maxX)
            }
        }
    }
}
