import IncidentModel

/// The technical pane's lead: each open deadline for the next diagnostic step (behavior 4), with its own
/// countdown in the same calm, warning and overdue states as the next update.
public struct DeadlinesList {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let open = context.incident.openDeadlines.sorted { $0.dueAt < $1.dueAt }
        if open.isEmpty {
            grid.put(" " + TextWrap.truncate("no open deadline: /deadline 20m NEXT STEP", width: area.width - 2),
                     at: Point(x: area.x, y: area.y), style: Style(.muted), limit: area.maxX)
            return
        }
        let hidden = open.count > area.height ? open.count - area.height + 1 : 0
        for (index, deadline) in open.prefix(area.height - (hidden > 0 ? 1 : 0)).enumerated() {
            render(deadline, into: &grid, row: area.row(index))
        }
        if hidden > 0 {
            grid.put(" +\(hidden) more open deadlines", at: Point(x: area.x, y: area.maxY - 1), style: Style(.muted),
                     limit: area.maxX)
        }
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
