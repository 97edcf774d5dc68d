import Foundation
import IncidentModel

/// Carries one notice to one subscriber, once: mail to sendmail, a webhook to its URL. Whoever fires
/// deliveries (`ReminderFirer`) claims the attempt first and records what this returns as a receipt.
public protocol NoticeCourier: Sendable {
    func deliver(_ notice: CustomerNotice, to subscription: Subscription, attempt: Int) async -> CourierOutcome
    /// Whether this process takes on deliveries by `channel` at all: one that cannot (no sendmail on an
    /// engineer's laptop) leaves them to a process that can, instead of recording a failure.
    func serves(_ channel: DeliveryChannel) -> Bool
}

/// What one attempt came to, in words for the receipt.
public struct CourierOutcome: Equatable, Sendable {
    public let delivered: Bool
    /// Worth trying again later (sendmail's EX_TEMPFAIL, a timeout, a 5xx); false once retrying cannot help.
    public let isTemporary: Bool
    /// `handed to sendmail in 40 ms`, `200 in 84 ms`, `sendmail exited 67 (unknown user): …`.
    public let detail: String

    public static func delivered(_ detail: String) -> CourierOutcome {
        CourierOutcome(delivered: true, isTemporary: false, detail: detail)
    }

    public static func failed(_ detail: String, temporary: Bool) -> CourierOutcome {
        CourierOutcome(delivered: false, isTemporary: temporary, detail: detail)
    }
}
