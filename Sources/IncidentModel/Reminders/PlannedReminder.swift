import Foundation

/// A reminder whose time has come and that the log does not hold yet: what any process may try to record.
public struct PlannedReminder: Equatable, Sendable {
    public let incident: IncidentID
    public let subject: ReminderSubject
    public let stage: ReminderStage
    /// The time the subject is about: the promised update, the deadline, the question's wait running out.
    public let dueAt: Date
    /// When this stage fell due.
    public let firesAt: Date
    public let recipient: String
    public let phone: String?

    /// The key the store refuses to record twice.
    public var idempotencyKey: String {
        ReminderRecord.idempotencyKey(incident: incident, subject: subject, stage: stage)
    }

    /// The event to append, signed by the process trying.
    public func record(firedBy: String) -> ReminderRecord {
        ReminderRecord(subject: subject, stage: stage, recipient: recipient, phone: phone, dueAt: dueAt, firedBy: firedBy)
    }
}
