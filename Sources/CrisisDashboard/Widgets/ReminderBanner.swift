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

    /// ` 2 REMINDERS  Marc Weber (+49 30 1234): the update to the customer due 14:35 · in 04:12 · /ack · /snooze 4m`:
    /// the newest first; `/ack` answers it, and the next one shows.
    func line(_ record: ReminderRecord, countdown: Countdown) -> String {
        let description = EventDescription(incident: context.incident, display: context.display)
        let who = safe(record.recipient) + (record.phone.map { " (\(safe($0)))" } ?? "")
        let what = safe(description.subjectName(record.subject))
        let when: String
        switch record.stage {
        case .questionOpen: when = "waiting since \(context.display.clock(record.dueAt.addingTimeInterval(-ReminderPolicy.questionWait)))"
        default: when = "due \(context.display.clock(record.dueAt)) · \(countdown.isOverdue ? countdown.display : "in " + countdown.display)"
        }
        let answer = context.state.options.readOnly ? "" : " · /ack" + snoozeHint(countdown)
        // How many stand goes first, where a narrow terminal cannot cut it off.
        let count = context.layout.reminders.count
        let title = count > 1 ? "\(count) REMINDERS" : "REMINDER"
        return " \(title)  \(who): \(what) \(when)\(answer) "
    }

    /// A snooze the composer would take: ten minutes, or what is left before the promise when less.
    private func snoozeHint(_ countdown: Countdown) -> String {
        if countdown.isOverdue { return " · /snooze 10m" }
        // A little under the time left, so the hint still holds the moment it is typed.
        let minutes = min(10, max(0, countdown.remainingSeconds - 20) / 60)
        return minutes >= 1 ? " · /snooze \(minutes)m" : ""
    }
}
