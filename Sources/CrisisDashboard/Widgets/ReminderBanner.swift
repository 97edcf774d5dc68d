import Foundation
import IncidentModel

/// The row over the composer while a reminder stands: whose move it is, how to reach them, what it is
/// about and its countdown, and how to answer it. Amber before the time, red from it on.
public struct ReminderBanner {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard let reminder = context.layout.reminders.first, !area.isEmpty else { return }
        let record = reminder.record
        let countdown = Countdown(target: record.dueAt, now: context.now)
        let urgent = countdown.isOverdue || record.stage != .dueSoon
        let style = Style(urgent ? .alarm : .warning, bold: true, reverse: true)
        grid.fill(area, style: style)
        let text = TextWrap.truncate(line(record, countdown: countdown), width: area.width)
        grid.put(text, at: Point(x: area.x, y: area.y), style: style, limit: area.maxX)
    }

    /// ` ⏰ Marc Weber (+49 30 1234): the update to the customer due 14:35 CET · in 04:12 · /ack · /snooze 10m  +1 more`
    func line(_ record: ReminderRecord, countdown: Countdown) -> String {
        let description = EventDescription(incident: context.incident, display: context.display)
        let who = safe(record.recipient) + (record.phone.map { " (\(safe($0)))" } ?? "")
        let what = safe(description.subjectName(record.subject))
        let when: String
        switch record.stage {
        case .questionOpen: when = "waiting since \(context.display.clock(record.dueAt.addingTimeInterval(-ReminderPolicy.questionWait)))"
        default: when = "due \(context.display.clock(record.dueAt)) · \(countdown.isOverdue ? countdown.display : "in " + countdown.display)"
        }
        let answer = context.state.options.readOnly ? "" : " · /ack · /snooze 10m"
        let more = context.layout.reminders.count > 1 ? "  +\(context.layout.reminders.count - 1) more" : ""
        return " ⏰ \(who): \(what) \(when)\(answer)\(more) "
    }
}
