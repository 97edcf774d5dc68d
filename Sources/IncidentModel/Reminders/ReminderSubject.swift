import Foundation

/// What a reminder is about: one promise to the customer, one diagnostic deadline at one due time, or one
/// open question. A new briefing makes a new promise, and a slipped deadline a new due time, so each starts
/// its reminders afresh; the subject is part of the reminder's identity in the log.
public enum ReminderSubject: Hashable, Sendable, Encodable {
    /// The next update promised by the event with this sequence number (a briefing, or the opening).
    case update(promisedBy: Int)
    /// Deadline `number`, due at `dueAt`.
    case deadline(number: Int, dueAt: Date)
    /// Question `number`.
    case question(number: Int)

    /// The stable spelling stored in the log and in idempotency keys: `update/12`, `deadline/2/1796000400000`,
    /// `question/3`.
    public var key: String {
        switch self {
        case .update(let sequence): "update/\(sequence)"
        case let .deadline(number, dueAt): "deadline/\(number)/\(Timestamp.milliseconds(dueAt))"
        case .question(let number): "question/\(number)"
        }
    }

    public init?(key: String) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("update", 2):
            guard let sequence = Int(parts[1]), sequence > 0 else { return nil }
            self = .update(promisedBy: sequence)
        case ("deadline", 3):
            guard let number = Int(parts[1]), number > 0, let milliseconds = Int64(parts[2]) else { return nil }
            self = .deadline(number: number, dueAt: Timestamp.date(milliseconds: milliseconds))
        case ("question", 2):
            guard let number = Int(parts[1]), number > 0 else { return nil }
            self = .question(number: number)
        default:
            return nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }
}
