import Foundation

/// When reminders fall, unless an incident says otherwise.
public enum ReminderPolicy {
    /// The first reminder of a promised update goes this long before it (`remind 5m`, `remind off`).
    public static let defaultLead: TimeInterval = 5 * 60
    /// While an update is overdue, a reminder goes again this often.
    public static let overdueRepeat: TimeInterval = 5 * 60
    /// A question unanswered this long is reminded of, to the technical lead.
    public static let questionWait: TimeInterval = 30 * 60
    /// The longest `/snooze` once a promise is overdue: a customer waiting longer needs a briefing.
    public static let longestSnooze: TimeInterval = 60 * 60
    /// The longest lead time `remind` accepts.
    public static let longestLead: TimeInterval = 2 * 60 * 60
}
