import Foundation

/// Where the newest notice stands with one subscriber, in the few facts a board row needs: the digest's
/// small copy of a `DeliveryTrack`, judged the same way.
public struct NoticeDelivery: Codable, Equatable, Sendable {
    public enum State: String, Codable, Sendable {
        case delivered, pending, failed
    }

    /// A notice's deliveries counted by state: `✓ 3 … 1 ✗ 1`.
    public struct Tally: Equatable, Sendable {
        public let delivered: Int
        public let pending: Int
        public let failed: Int

        public init(delivered: Int, pending: Int, failed: Int) {
            self.delivered = delivered
            self.pending = pending
            self.failed = failed
        }

        public init(_ deliveries: [NoticeDelivery]) {
            delivered = deliveries.count { $0.state == .delivered }
            pending = deliveries.count { $0.state == .pending }
            failed = deliveries.count { $0.state == .failed }
        }
    }

    public let target: String
    /// Whether any attempt was delivered: then nothing later undoes it.
    private(set) var delivered = false
    /// The newest attempt claimed, and the last outcome received for each attempt.
    private(set) var lastAttempt: Int
    private(set) var outcomes: [Int: DeliveryReceipt.Outcome] = [:]

    init(target: String, attempt: Int) {
        self.target = target
        lastAttempt = attempt
    }

    init(track: DeliveryTrack) {
        self.init(target: track.target, attempt: track.attempts.last?.number ?? 1)
        for receipt in track.receipts { received(receipt.receipt) }
    }

    /// As `DeliveryTrack.state` judges it: delivered once any attempt was, else by the newest attempt's last
    /// receipt (none yet means it is on its way; a retry to come still counts as pending).
    public var state: State {
        if delivered { return .delivered }
        switch outcomes[lastAttempt] {
        case nil, .retrying: return .pending
        case .failed: return .failed
        case .delivered: return .delivered
        }
    }

    mutating func claimed(attempt: Int) {
        lastAttempt = attempt
    }

    mutating func received(_ receipt: DeliveryReceipt) {
        outcomes[receipt.attempt] = receipt.outcome
        if receipt.outcome == .delivered { delivered = true }
    }
}
