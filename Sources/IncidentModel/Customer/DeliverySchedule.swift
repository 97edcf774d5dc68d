import Foundation

extension Incident {
    /// The active subscribers, oldest first.
    public var activeSubscribers: [Subscriber] { subscribers.filter(\.isActive) }

    /// The notices `subscriber` is sent: the newest one already out when they were added (while the incident
    /// was open), and every one logged after, until they were unsubscribed.
    public func notices(for subscriber: Subscriber) -> [NoticeEvent] {
        noticeEvents.filter { notice in
            (notice.sequence > subscriber.sequence || notice.sequence == subscriber.catchUpNotice)
                && subscriber.endedBy.map { notice.sequence < $0 } ?? true
        }
    }

    /// The delivery of notice `notice` to `target`, once anything was claimed for it.
    public func deliveryTrack(notice: Int, target: String) -> DeliveryTrack? {
        deliveries.first { $0.notice == notice && $0.target == target }
    }

    /// Every delivery of a notice, in the order they were first claimed.
    public func deliveryTracks(of notice: Int) -> [DeliveryTrack] {
        deliveries.filter { $0.notice == notice }
    }

    /// What should be sent now: a pure function of the log and `now`, so every process that fires deliveries
    /// computes the same list, and the store's idempotency keys leave one of them making each attempt.
    public func dueDeliveries(now: Date) -> [PlannedDelivery] {
        var due: [PlannedDelivery] = []
        for subscriber in activeSubscribers {
            let owed = notices(for: subscriber)
            for notice in owed {
                let track = deliveryTrack(notice: notice.sequence, target: subscriber.subscription.address)
                // An update not yet begun when a newer one was posted is not sent at all: the customer reads
                // the newest, not a queue of promises already past. One begun is seen through.
                if track == nil && notice.sequence != owed.last?.sequence { continue }
                let retry = track.flatMap { retryAsked(after: $0) }
                if let track, let retry, case .failed = track.state, track.attempts.count < DeliveryTrack.mostAttempts {
                    // `redeliver`: a new round, with its own hour of retries.
                    due.append(PlannedDelivery(notice: notice.sequence, subscription: subscriber.subscription,
                                               attempt: track.attempts.count + 1, firstAttemptAt: retry.at))
                    continue
                }
                guard let attempt = track.map({ $0.attemptDue(now: now) }) ?? 1 else { continue }
                let roundStart = [track?.firstAttemptAt, retry.flatMap { retry in
                    track?.attempts.first { $0.sequence > retry.sequence }?.at
                }].compactMap { $0 }.max()
                due.append(PlannedDelivery(notice: notice.sequence, subscription: subscriber.subscription,
                                           attempt: attempt, firstAttemptAt: roundStart))
            }
        }
        return due
    }

    /// Whether any notice is still to be delivered, now or at a later retry.
    public var hasDeliveriesOutstanding: Bool { !dueDeliveries(now: .distantFuture).isEmpty }

    /// Deliveries that failed for good and that nobody has explained on record or asked to redeliver since,
    /// oldest first.
    public var unexplainedFailedDeliveries: [DeliveryTrack] {
        deliveries.filter { track in
            guard case .failed(let receipt) = track.state, retryAsked(after: track) == nil else { return false }
            return !deliveryExplanations.contains { $0.notice == track.notice && $0.entry.sequence > receipt.sequence }
        }
    }

    /// The newest `redeliver` of the track's notice made after its last failure, if any.
    func retryAsked(after track: DeliveryTrack) -> DeliveryRetry? {
        guard let failed = track.receipts.last(where: { $0.receipt.outcome == .failed }) else { return nil }
        return deliveryRetries.last { $0.notice == track.notice && $0.sequence > failed.sequence }
    }

    /// Updates owed to a subscriber that nobody has begun to deliver for longer than
    /// `DeliverySummary.unclaimedPatience`: the processes that deliver are not running, or cannot.
    public func stalledNotices(now: Date) -> [NoticeEvent] {
        noticeEvents.filter { notice in
            now.timeIntervalSince(notice.at) > DeliverySummary.unclaimedPatience && activeSubscribers.contains { subscriber in
                notices(for: subscriber).contains { $0.sequence == notice.sequence }
                    && deliveryTrack(notice: notice.sequence, target: subscriber.subscription.address) == nil
                    && supersededBy(notice.sequence, for: subscriber) == nil
            }
        }
    }

    /// The newer update that took the place of `notice` for `subscriber`, when `notice` was never begun: the
    /// first newer one begun for them, not whichever is newest now (a receipt, and the debrief, must not change
    /// as later updates are posted); before any is begun, the newest, which is the one that will go.
    public func supersededBy(_ notice: Int, for subscriber: Subscriber) -> Int? {
        let target = subscriber.subscription.address
        guard deliveryTrack(notice: notice, target: target) == nil else { return nil }
        let newer = notices(for: subscriber).filter { $0.sequence > notice }
        return (newer.first { deliveryTrack(notice: $0.sequence, target: target) != nil } ?? newer.last)?.sequence
    }

    /// How a receipt or a flag names the contact at `address`: a webhook by its subscription's name when it was
    /// given one (`webhook Acme ops (hooks.acme.example)`), otherwise as `SubscriberAddress.shown` does.
    public func shownContact(_ address: String) -> String {
        guard SubscriberAddress.isWebhook(address),
              let subscriber = subscribers.last(where: { $0.subscription.address == address }) else {
            return SubscriberAddress.shown(address)
        }
        return subscriber.subscription.label
    }

    /// Where a receipt says an update went: the address for mail, a webhook's host, with its subscription's
    /// name when it was given one (`Acme ops (hooks.acme.example)`).
    public func receivingEnd(_ address: String) -> String {
        let host = SubscriberAddress.host(of: address)
        guard SubscriberAddress.isWebhook(address),
              let name = subscribers.last(where: { $0.subscription.address == address })?.subscription.name else { return host }
        return "\(name) (\(host))"
    }

    /// The notice logged as event `sequence`.
    public func noticeEvent(_ sequence: Int) -> NoticeEvent? {
        noticeEvents.first { $0.sequence == sequence }
    }

    /// `U4` for the fourth briefing, `U0` for the opening notice; the closure counts one past the last briefing.
    public func updateLabel(_ notice: Int) -> String {
        "U\(updateNumber(of: notice))"
    }

    /// The notice that update `number` (`U4`) names.
    public func notice(numbered number: Int) -> NoticeEvent? {
        noticeEvents.last { updateNumber(of: $0.sequence) == number }
    }

    func updateNumber(of notice: Int) -> Int {
        guard let event = noticeEvent(notice), event.occasion != .opened else { return 0 }
        // A briefing counts itself; a closure counts on from the briefings before it.
        return briefings.filter { $0.sequence < notice }.count + 1
    }
}
