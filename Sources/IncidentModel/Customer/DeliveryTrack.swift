import Foundation

/// One notice on its way to one subscriber, as the log holds it: the attempts claimed and their receipts.
public struct DeliveryTrack: Equatable, Sendable, Encodable {
    public struct Attempt: Equatable, Sendable, Encodable {
        public let sequence: Int
        public let at: Date
        public let number: Int
        public let firedBy: String
    }

    public struct Receipt: Equatable, Sendable, Encodable {
        public let sequence: Int
        public let at: Date
        public let receipt: DeliveryReceipt
    }

    public enum State: Equatable, Sendable {
        /// Claimed, no receipt yet.
        case inFlight(since: Date)
        case delivered(Receipt)
        case retrying(Receipt)
        case failed(Receipt)
    }

    public let notice: Int
    public let target: String
    public internal(set) var attempts: [Attempt] = []
    public internal(set) var receipts: [Receipt] = []

    /// How long a claimed attempt may go without a receipt before another process tries again: longer than
    /// sendmail's (240 s at most) and a webhook's time limits, so only a process that died mid-attempt is
    /// taken over.
    public static let claimLapse: TimeInterval = 300
    /// However a subscriber fails, no notice is tried more often than this (an hour of backoff takes eight,
    /// and each `redeliver` another hour's worth at most).
    public static let mostAttempts = 40

    public var state: State {
        if let delivered = receipts.last(where: { $0.receipt.outcome == .delivered }) { return .delivered(delivered) }
        guard let attempt = attempts.last else { return .inFlight(since: .distantPast) }
        guard let receipt = receipts.last(where: { $0.receipt.attempt == attempt.number }) else {
            return .inFlight(since: attempt.at)
        }
        return receipt.receipt.outcome == .retrying ? .retrying(receipt) : .failed(receipt)
    }

    /// The attempt due at `now`, if one is: the next after a failure whose retry time came, or after a claim
    /// whose process never answered.
    public func attemptDue(now: Date) -> Int? {
        guard attempts.count < Self.mostAttempts else { return nil }
        switch state {
        case .delivered, .failed: return nil
        case .inFlight(let since): return since.addingTimeInterval(Self.claimLapse) <= now ? attempts.count + 1 : nil
        case .retrying(let receipt): return (receipt.receipt.retryAt ?? .distantFuture) <= now ? attempts.count + 1 : nil
        }
    }

    /// When the first attempt was claimed: retries stop an hour after it.
    public var firstAttemptAt: Date? { attempts.first?.at }
}

/// A notice the log says goes to a subscriber now: what `ReminderFirer.deliverDue` claims and sends.
public struct PlannedDelivery: Equatable, Sendable {
    public let notice: Int
    public let subscription: Subscription
    public let attempt: Int
    /// When attempt 1 was claimed; nil for attempt 1 itself.
    public let firstAttemptAt: Date?

    public func idempotencyKey(in incident: IncidentID) -> String {
        DeliveryClaim.idempotencyKey(incident: incident, notice: notice, target: subscription.address, attempt: attempt)
    }
}

/// Why a notice was not delivered, said on record: it clears the flag (`undelivered U4 phoned Jane instead`).
public struct DeliveryExplanation: Equatable, Sendable, Encodable {
    public let notice: Int
    public let entry: Entry
}

/// `redeliver U4`, as the log holds it: from then on, the update goes again where it failed.
public struct DeliveryRetry: Equatable, Sendable, Encodable {
    public let notice: Int
    public let sequence: Int
    public let at: Date
    public let author: String
}

/// A notice the fold saw being logged: the opening, a briefing or a closure.
public struct NoticeEvent: Equatable, Sendable, Encodable {
    public let sequence: Int
    public let at: Date
    public let occasion: CustomerNotice.Occasion
    /// The event's hash: the chain head the customer is given with this notice.
    public var chainHash: String? = nil

    /// The chain head at this notice, what the customer keeps as a witness of the log up to it.
    public func witness(of incident: IncidentID) -> ChainHead? {
        chainHash.map { ChainHead(incident: incident, sequence: sequence, hash: $0) }
    }
}
