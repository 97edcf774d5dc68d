import Foundation
import IncidentModel

/// The technical pane's lead: each open deadline for the next diagnostic step (behavior 4), with its own
/// countdown in the same calm, warning and overdue states as the next update; below them, deadlines closed
/// in the last half hour with their outcome, a late meet marked late.
public struct DeadlinesList {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    /// How long a closed deadline stays in the list: long enough for the room to see how it ended.
    static let closedShownFor: TimeInterval = 30 * 60

    /// Deadlines closed within `closedShownFor` of `now`, the newest first.
    static func recentlyClosed(_ incident: Incident, now: Date) -> [Deadline] {
        incident.deadlines
            .filter { deadline in
                guard let closedAt = deadline.closedAt else { return false }
                return closedAt <= now && now.timeIntervalSince(closedAt) < closedShownFor
            }
            .sorted { ($0.closedAt ?? .distantPast) > ($1.closedAt ?? .distantPast) }
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let open = context.incident.openDeadlines.sorted { $0.dueAt < $1.dueAt }
        let closed = Self.recentlyClosed(context.incident, now: context.now)
        if open.isEmpty && closed.isEmpty {
            grid.put(" " + TextWrap.truncate("no open deadline: /deadline 20m NEXT STEP", width: area.width - 2),
                     at: Point(x: area.x, y: area.y), style: Style(.muted), limit: area.maxX)
            return
        }
        let hidden = open.count > area.height ? open.count - area.height + 1 : 0
        let shownOpen = open.prefix(area.height - (hidden > 0 ? 1 : 0))
        for (index, deadline) in shownOpen.enumerated() {
            render(deadline, into: &grid, row: area.row(index))
        }
        if hidden > 0 {
            grid.put(" +\(hidden) more open deadlines", at: Point(x: area.x, y: area.maxY - 1), style: Style(.muted),
                     limit: area.maxX)
            return
        }
        for (index, deadline) in closed.prefix(area.height - shownOpen.count).enumerated() {
            renderClosed(deadline, into: &grid, row: area.row(shownOpen.count + index))
        }
    }

    /// `D1 met 09:31 confirm replication lag…  7 min LATE`: how a step ended, and whether it ended late (in
    /// the words the log and the debrief use for the same lateness).
    private func renderClosed(_ deadline: Deadline, into grid: inout Grid, row: Rect) {
        let outcome: (text: String, style: Style)
        if let late = deadline.lateBy {
            outcome = (" \(ReadableDuration.format(late)) LATE ", Style(.warning, bold: true, reverse: true))
        } else if deadline.outcome == .met {
            outcome = (" in time ", Style(.countdown, bold: true))
        } else {
            outcome = (" dropped ", Style(.muted, bold: true))
        }
        let limit = row.maxX - DisplayWidth.of(outcome.text)
        var x = grid.put(" \(deadline.label) ", at: Point(x: row.x, y: row.y), style: Style(.muted, bold: true),
                         limit: limit)
        let verb = deadline.outcome == .dropped ? "dropped" : "met"
        x = grid.put("\(verb) \(context.display.clock(deadline.closedAt ?? context.now)) ", at: Point(x: x, y: row.y),
                     style: Style(.muted), limit: limit)
        grid.put(TextWrap.truncate(safe(deadline.text), width: max(0, limit - x - 1)), at: Point(x: x, y: row.y),
                 style: Style(.muted), limit: limit)
        grid.put(outcome.text, at: Point(x: limit, y: row.y), style: outcome.style, limit: row.maxX)
    }

    private func render(_ deadline: Deadline, into grid: inout Grid, row: Rect) {
        let countdown = Countdown(target: deadline.dueAt, now: context.now)
        let style = RenderContext.style(for: countdown.urgency)
        let shown = " " + countdown.display + " "
        let shownWidth = DisplayWidth.of(shown)
        let limit = row.maxX - shownWidth
        var x = grid.put(" \(deadline.label) ", at: Point(x: row.x, y: row.y), style: Style(.technical, bold: true),
                         limit: limit)
        x = grid.put(context.display.clock(deadline.dueAt) + " ", at: Point(x: x, y: row.y), style: Style(.muted),
                     limit: limit)
        var text = safe(deadline.text)
        if let owner = deadline.owner { text += " (\(safe(owner)))" }
        if !deadline.slips.isEmpty { text += " · slipped \(deadline.slips.count)×" }
        grid.put(TextWrap.truncate(text, width: max(0, limit - x - 1)), at: Point(x: x, y: row.y), style: Style(.text),
                 limit: limit)
        grid.put(shown, at: Point(x: limit, y: row.y), style: Style(style.role, bold: true, reverse: countdown.urgency != .calm),
                 limit: row.maxX)
    }
}
