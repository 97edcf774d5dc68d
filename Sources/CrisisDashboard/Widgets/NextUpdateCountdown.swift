import IncidentModel

/// The business pane's lead: when the customer was promised the next update, why then, and the time left,
/// ticking every second; warning colour in the last five minutes, alarm colour counting up once overdue.
/// On a big screen the time is drawn in block digits.
public struct NextUpdateCountdown {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let incident = context.incident
        guard let countdown = incident.nextUpdateCountdown(now: context.now) else {
            renderNothingOwed(into: &grid, area: area)
            return
        }
        let style = RenderContext.style(for: countdown.urgency)
        let due = context.display.absolute(incident.nextUpdateDue, now: context.now)
        let reason = incident.nextUpdateReason.map { "why: " + safe($0) } ?? "why: (no reason given)"

        if context.layout.bigCountdown, area.height >= BlockDigits.height + 2 {
            let label = countdown.isOverdue ? "NEXT UPDATE WAS DUE \(due) — OVERDUE" : "NEXT UPDATE \(due)"
            grid.put(" " + TextWrap.truncate(label, width: area.width - 2), at: Point(x: area.x, y: area.y),
                     style: countdown.isOverdue ? style : Style(.business, bold: true), limit: area.maxX)
            let digits = countdown.isOverdue ? "+" + Countdown.clock(countdown.overdueSeconds)
                : Countdown.clock(countdown.remainingSeconds)
            let rows = BlockDigits.rows(digits)
            let digitWidth = BlockDigits.width(of: digits)
            let x = area.x + max(0, (area.width - digitWidth) / 2)
            let digitStyle = Style(countdown.urgency == .overdue ? .alarm : style.role, bold: true)
            for (index, row) in rows.enumerated() {
                grid.put(row, at: Point(x: x, y: area.y + 1 + index), style: digitStyle, limit: area.maxX)
            }
            grid.put(" " + TextWrap.truncate(reason, width: area.width - 2),
                     at: Point(x: area.x, y: area.y + 1 + BlockDigits.height), style: Style(.muted), limit: area.maxX)
            return
        }

        let row = area.row(0)
        if countdown.isOverdue { grid.fill(row, style: style) }
        let shown = " " + countdown.display + " "
        let shownWidth = DisplayWidth.of(shown)
        let label = area.width >= 36 ? " NEXT UPDATE \(due)" : " NEXT \(context.display.clock(incident.nextUpdateDue))"
        let labelStyle = countdown.isOverdue ? style : Style(.business, bold: true)
        grid.put(TextWrap.truncate(label, width: max(0, row.width - shownWidth - 1)), at: Point(x: row.x, y: row.y),
                 style: labelStyle, limit: row.maxX - shownWidth)
        grid.put(shown, at: Point(x: row.maxX - shownWidth, y: row.y),
                 style: Style(style.role, bold: true, reverse: countdown.urgency != .calm), limit: row.maxX)
        if area.height >= 2 {
            grid.put(" " + TextWrap.truncate(reason, width: area.width - 2), at: Point(x: area.x, y: area.y + 1),
                     style: Style(.muted), limit: area.maxX)
        }
    }

    /// Resolved with no further promise, or closed: say so plainly instead of counting down. The first row
    /// says what ended the promises and when (in block letters when the countdown would be big), the next
    /// what that means for the customer.
    private func renderNothingOwed(into grid: inout Grid, area: Rect) {
        let incident = context.incident
        let headline: String
        let detail: String
        switch incident.nextUpdate(now: context.now) {
        case .closed(let at):
            headline = "CLOSED \(context.display.clock(at))"
            detail = "no further updates owed · " + incident.ageText(now: context.now)
        case .resolved(let at):
            headline = "RESOLVED \(context.display.clock(at))"
            detail = "no further updates promised · a briefing with a next time promises one"
        case .promised:
            return // a standing promise is counted down by `render`
        }
        let style = Style(.countdown, bold: true)
        let scale = [BigText.Scale.medium, .small].first { scale in
            area.height >= BigText.height(at: scale) + 2 && BigText.width(of: headline, at: scale) <= area.width - 2
        }
        if context.layout.bigCountdown, let scale {
            grid.put(" NEXT UPDATE: none owed", at: Point(x: area.x, y: area.y), style: Style(.business, bold: true),
                     limit: area.maxX)
            let x = area.x + (area.width - BigText.width(of: headline, at: scale)) / 2
            for (index, row) in BigText.rows(headline, at: scale).enumerated() {
                grid.put(row, at: Point(x: x, y: area.y + 1 + index), style: style, limit: area.maxX)
            }
            grid.put(" " + TextWrap.truncate(detail, width: area.width - 2),
                     at: Point(x: area.x, y: area.y + 1 + BigText.height(at: scale)), style: Style(.muted),
                     limit: area.maxX)
            return
        }
        let row = area.row(0)
        let badge = " \(headline) "
        let label = area.width >= 36 ? " NEXT UPDATE: none owed" : " NEXT: none owed"
        grid.put(TextWrap.truncate(label, width: max(0, row.width - DisplayWidth.of(badge) - 1)),
                 at: Point(x: row.x, y: row.y), style: Style(.business, bold: true), limit: row.maxX - DisplayWidth.of(badge))
        grid.put(badge, at: Point(x: row.maxX - DisplayWidth.of(badge), y: row.y), style: Style(.countdown, bold: true, reverse: true),
                 limit: row.maxX)
        if area.height >= 2 {
            grid.put(" " + TextWrap.truncate(detail, width: area.width - 2), at: Point(x: area.x, y: area.y + 1),
                     style: Style(.muted), limit: area.maxX)
        }
    }
}
