import Foundation

/// A reminder as the log keeps it: what it was about, at which stage, who was asked to act, and the time
/// it was about (the promised update, the deadline, the moment the question became overdue). `firedBy`
/// names the process that recorded it, which is how that process knows its append won.
public struct ReminderRecord: Equatable, Sendable, Encodable {
    public let subject: ReminderSubject
    public let stage: ReminderStage
    /// Whose move it is.
    public let recipient: String
    /// How to reach them, when the log knows.
    public let phone: String?
    public let dueAt: Date
    public let firedBy: String

    public init(subject: ReminderSubject, stage: ReminderStage, recipient: String, phone: String?, dueAt: Date,
                firedBy: String) {
        self.subject = subject
        self.stage = stage
        self.recipient = recipient
        self.phone = phone
        self.dueAt = dueAt
        self.firedBy = firedBy
    }

    /// The key the store records once per incident, subject and stage, whoever fires it.
    public static func idempotencyKey(incident: IncidentID, subject: ReminderSubject, stage: ReminderStage) -> String {
        "reminder/\(incident.number)/\(subject.key)/\(stage.name)"
    }
}

/// A reminder folded into the incident: the record and when and by whom it was logged.
public struct LoggedReminder: Equatable, Sendable, Encodable {
    public let sequence: Int
    public let at: Date
    public let record: ReminderRecord
}

/// `/ack` or `/snooze` as the fold keeps them.
public struct ReminderResponse: Equatable, Sendable, Encodable {
    public enum Kind: Equatable, Sendable, Encodable {
        /// Stops repeats of this stage's family for the subject.
        case acknowledged(ReminderStage)
        /// No reminder of the subject before this time.
        case snoozed(until: Date)
    }

    public let sequence: Int
    public let at: Date
    public let author: String
    public let subject: ReminderSubject
    public let kind: Kind
}

/// A hook that did not finish well, as recorded by the process that ran it.
public struct HookFailure: Equatable, Sendable, Encodable {
    public let sequence: Int
    public let at: Date
    public let hook: String
    /// `exit 3`, `killed after 10s`, `not executable`.
    public let status: String
    /// The first line of what it wrote to its error output, made safe.
    public let detail: String
}
