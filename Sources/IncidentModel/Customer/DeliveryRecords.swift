import Foundation

/// One attempt to deliver a notice to one subscriber, claimed before it is made so that however many
/// processes fire deliveries (dashboards, `crisis watch`), exactly one makes it (the reminders' rule).
public struct DeliveryClaim: Equatable, Sendable, Encodable {
    /// The event the notice tells of: the opening, a briefing, the closure.
    public let notice: Int
    /// The subscriber's address.
    public let target: String
    /// 1 for the first attempt, counting up with each retry.
    public let attempt: Int
    /// The process that makes the attempt (`ReminderFirer.signature`).
    public let firedBy: String

    public init(notice: Int, target: String, attempt: Int, firedBy: String) {
        self.notice = notice
        self.target = target
        self.attempt = attempt
        self.firedBy = firedBy
    }

    /// The key under which the store records the claim once: `delivery/12/34/jane@acme.example/1`.
    public static func idempotencyKey(incident: IncidentID, notice: Int, target: String, attempt: Int) -> String {
        "delivery/\(incident.number)/\(notice)/\(target)/\(attempt)"
    }
}

/// What became of one attempt: the receipt the business pane shows under its briefing.
public struct DeliveryReceipt: Equatable, Sendable, Encodable {
    public enum Outcome: String, Sendable, Codable {
        /// Handed to sendmail, or a 2xx from the webhook.
        case delivered
        /// Failed; tried again at `retryAt`.
        case retrying
        /// Failed for good, or retried for an hour: someone has to act or say why on record.
        case failed
    }

    public let notice: Int
    public let target: String
    public let attempt: Int
    public let outcome: Outcome
    /// `handed to sendmail in 40 ms`, `200 in 84 ms`, `sendmail exited 67 (unknown user): …`.
    public let detail: String
    /// When the next attempt is due, for `retrying`.
    public let retryAt: Date?

    public init(notice: Int, target: String, attempt: Int, outcome: Outcome, detail: String, retryAt: Date?) {
        self.notice = notice
        self.target = target
        self.attempt = attempt
        self.outcome = outcome
        self.detail = detail
        self.retryAt = retryAt
    }
}
