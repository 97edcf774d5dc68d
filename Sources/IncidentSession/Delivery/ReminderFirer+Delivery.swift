import CustomerDelivery
import Foundation
import IncidentModel
import IncidentStore

extension ReminderFirer {
    /// Delivers every notice due to a subscriber in `incident` at `now`, exactly once however many processes
    /// look (the reminders' rule): each attempt is claimed under a key made from the incident, the notice,
    /// the address and the attempt's number, and only the process whose claim the store kept makes it. What
    /// became of it is recorded as a receipt, retried with backoff for an hour when the failure may pass.
    /// Returns the receipts this process recorded.
    @discardableResult
    public func deliverDue(in incident: Incident, now: Date) async -> [Event] {
        guard let courier else { return [] }
        var receipts: [Event] = []
        var current = incident
        let owed = unrecordedReceipts.withLock { drafts in
            let mine = drafts.filter { $0.value.incident == incident.id }
            for key in mine.keys { drafts[key] = nil }
            return mine
        }
        for (key, draft) in owed {
            if let recorded = await append(draft, doing: "record a delivery receipt") { receipts.append(recorded) }
            else { unrecordedReceipts.withLock { $0[key] = draft } }
        }
        let unrecorded = Set(unrecordedReceipts.withLock { $0.values.compactMap(Self.deliveryKey) })
        for planned in incident.dueDeliveries(now: now)
            where courier.serves(planned.subscription.channel)
            && !unrecorded.contains(DeliveryKey(notice: planned.notice, target: planned.subscription.address)) {
            // An unsubscribe or another process's attempt may have come meanwhile: only what is still due goes.
            await catchUp(&current)
            guard current.dueDeliveries(now: now).contains(planned),
                  let notice = CustomerNotice(notice: planned.notice, in: current) else { continue }
            let claim = EventDraft(
                incident: incident.id, author: Self.author,
                payload: .deliveryClaimed(DeliveryClaim(notice: planned.notice, target: planned.subscription.address,
                                                        attempt: planned.attempt, firedBy: signature)),
                idempotencyKey: planned.idempotencyKey(in: incident.id))
            guard let claimed = await append(claim, doing: "claim a delivery"),
                  case .deliveryClaimed(let kept) = claimed.payload, kept.firedBy == signature else { continue }
            let outcome = await courier.deliver(notice, to: planned.subscription, attempt: planned.attempt)
            let receipt = Self.receipt(for: outcome, of: planned, firstAttemptAt: planned.firstAttemptAt ?? claimed.recordedAt,
                                       now: session.clock.now)
            let draft = EventDraft(incident: incident.id, author: Self.author, payload: .deliveryReceipt(receipt),
                                   idempotencyKey: "receipt/" + planned.idempotencyKey(in: incident.id))
            // A retry is a warning, a delivery given up or refused an error: a log filtered by priority shows them.
            let level: ReportLevel = switch receipt.outcome {
            case .delivered: .info
            case .retrying: .warning
            case .failed: .error
            }
            report(level, "\(incident.id) \(current.updateLabel(planned.notice)) → \(current.shownContact(planned.subscription.address)): \(outcome.detail)")
            if let recorded = await append(draft, doing: "record a delivery receipt") {
                receipts.append(recorded)
            } else {
                unrecordedReceipts.withLock { $0[draft.idempotencyKey ?? ""] = draft }
            }
        }
        return receipts
    }

    /// A notice and a subscriber: what a delivery is of.
    struct DeliveryKey: Hashable {
        let notice: Int
        let target: String
    }

    private static func deliveryKey(_ draft: EventDraft) -> DeliveryKey? {
        guard case .deliveryReceipt(let receipt) = draft.payload else { return nil }
        return DeliveryKey(notice: receipt.notice, target: receipt.target)
    }

    /// The receipt for an attempt: delivered, retried later, or given up with the reason.
    static func receipt(for outcome: CourierOutcome, of planned: PlannedDelivery, firstAttemptAt: Date,
                        now: Date) -> DeliveryReceipt {
        let target = planned.subscription.address
        if outcome.delivered {
            return DeliveryReceipt(notice: planned.notice, target: target, attempt: planned.attempt,
                                   outcome: .delivered, detail: outcome.detail, retryAt: nil)
        }
        if outcome.isTemporary,
           let retryAt = DeliveryRetryPolicy.nextAttempt(after: planned.attempt, firstAttemptAt: firstAttemptAt, now: now) {
            return DeliveryReceipt(notice: planned.notice, target: target, attempt: planned.attempt,
                                   outcome: .retrying, detail: outcome.detail, retryAt: retryAt)
        }
        let detail = outcome.isTemporary
            ? "gave up after \(planned.attempt) attempts in \(ReadableDuration.format(now.timeIntervalSince(firstAttemptAt))): \(outcome.detail)"
            : outcome.detail
        return DeliveryReceipt(notice: planned.notice, target: target, attempt: planned.attempt,
                               outcome: .failed, detail: detail, retryAt: nil)
    }
}
