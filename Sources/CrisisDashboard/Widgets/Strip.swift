import IncidentModel

/// One line of loose ends: open questions (behavior 6), workarounds, what we asked of the customer
/// (behavior 10), each with its count and the newest, and follow-ups once any is scheduled: the first due.
public struct Strip {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        grid.fill(row)
        let incident = context.incident
        func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        var parts: [(label: String, count: Int, newest: String?, alert: Bool)] = [
            (counted(incident.openQuestions.count, "open question"), incident.openQuestions.count,
             incident.openQuestions.last.map { "\($0.label) \(safe($0.text))" }, !incident.openQuestions.isEmpty),
            (counted(incident.workarounds.count, "workaround"), incident.workarounds.count,
             incident.workarounds.last.map { "\($0.label) \(safe($0.entry.text))" }, false),
            (counted(incident.openCustomerRequests.count, "open ask"), incident.openCustomerRequests.count,
             incident.openCustomerRequests.last.map { "\($0.label) \(safe($0.text))" }, false),
        ]
        let openFollowUps = incident.followUps.filter(\.isOpen).sorted { $0.dueAt < $1.dueAt }
        if let first = openFollowUps.first {
            let due = openFollowUps.filter { $0.isDue(now: context.now) }.count
            let label = due > 0 ? "\(counted(due, "follow-up")) due" : counted(openFollowUps.count, "follow-up")
            let when = context.display.isSameDay(first.dueAt, context.now)
                ? context.display.clock(first.dueAt) : context.display.dayAndClock(first.dueAt)
            parts.append((label, openFollowUps.count, "\(first.label) due \(when) \(safe(first.text))", due > 0))
        }
        let partWidth = row.width / parts.count
        for (index, part) in parts.enumerated() {
            let x0 = row.x + index * partWidth
            let limit = index == parts.count - 1 ? row.maxX : x0 + partWidth - 1
            let countStyle = part.alert ? Style(.warning, bold: true) : Style(.muted, bold: true)
            let x = grid.put(" " + part.label, at: Point(x: x0, y: row.y), style: countStyle, limit: limit)
            if let newest = part.newest {
                grid.put(" " + TextWrap.truncate(newest, width: max(0, limit - x - 1)), at: Point(x: x, y: row.y),
                         style: Style(.text), limit: limit)
            }
            if index < parts.count - 1 {
                grid.put("│", at: Point(x: limit, y: row.y), style: Style(.border), limit: limit + 1)
            }
        }
    }
}
