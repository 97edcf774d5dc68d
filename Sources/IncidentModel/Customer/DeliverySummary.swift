import Foundation

/// One line of what became of a notice: `✓ mailed to 3 subscribers 14:32:05 (handed to sendmail in 40 ms)`,
/// `✗ jane@acme.example: sendmail exited 67 (unknown user)`. The business pane shows these under their
/// briefing, `crisis subscribers` and the debrief beside it.
public struct DeliverySummary: Hashable, Sendable {
    public enum Mark: Equatable, Sendable {
        case delivered, pending, failed
        /// Not sent: a newer update took its place before it was begun.
        case superseded
    }

    public let mark: Mark
    public let text: String

    /// How long a notice may wait unclaimed before its line asks whether anyone is delivering.
    public static let unclaimedPatience: TimeInterval = 60
}

extension Incident {
    /// What became of notice `notice` for every subscriber, in a few lines: deliveries to mail grouped, each
    /// webhook and each failure on its own line. Empty when the notice went to nobody.
    public func deliverySummary(of notice: Int, now: Date, display: TimeDisplay) -> [DeliverySummary] {
        var lines: [DeliverySummary] = []
        let tracks = deliveryTracks(of: notice)
        var mailed: [DeliveryTrack.Receipt] = []
        for track in tracks {
            switch track.state {
            case .delivered(let receipt) where !SubscriberAddress.isWebhook(track.target):
                mailed.append(receipt)
            case .delivered(let receipt):
                lines.append(DeliverySummary(mark: .delivered, text: "✓ \(shownContact(track.target)) \(display.clockWithSeconds(receipt.at)): \(receipt.receipt.detail)"))
            case .inFlight:
                lines.append(DeliverySummary(mark: .pending, text: "… sending to \(shownContact(track.target))"))
            case .retrying(let receipt):
                let when = receipt.receipt.retryAt.map { " at \(display.clockWithSeconds($0))" } ?? ""
                lines.append(DeliverySummary(mark: .pending, text: "… \(shownContact(track.target)): trying again\(when) (\(receipt.receipt.detail))"))
            case .failed(let receipt) where retryAsked(after: track) != nil:
                lines.append(DeliverySummary(mark: .pending, text: "… \(shownContact(track.target)): sending again, as asked (it failed: \(receipt.receipt.detail))"))
            case .failed(let receipt):
                let explained = deliveryExplanations.last { $0.notice == notice && $0.entry.sequence > receipt.sequence }
                    .map { " — on record: \($0.entry.text)" } ?? ""
                lines.append(DeliverySummary(mark: .failed, text: "✗ \(shownContact(track.target)): \(receipt.receipt.detail)\(explained)"))
            }
        }
        if let last = mailed.max(by: { $0.at < $1.at }) {
            let whom = mailed.count == 1 ? (tracks.first { $0.receipts.contains(last) }?.target ?? "1 subscriber")
                : "\(mailed.count) subscribers"
            lines.insert(DeliverySummary(mark: .delivered, text: "✓ mailed to \(whom) \(display.clockWithSeconds(last.at)) (\(last.receipt.detail))"), at: 0)
        }
        let owed = activeSubscribers.filter { subscriber in
            notices(for: subscriber).contains { $0.sequence == notice }
                && !tracks.contains { $0.target == subscriber.subscription.address }
        }
        let unclaimed = owed.filter { supersededBy(notice, for: $0) == nil }
        if let newer = owed.lazy.compactMap({ self.supersededBy(notice, for: $0) }).first {
            let skipped = owed.count - unclaimed.count
            lines.append(DeliverySummary(mark: .superseded, text: "– not sent to \(skipped == 1 ? "1 subscriber" : "\(skipped) subscribers"): \(updateLabel(newer)) took its place before it went out"))
        }
        if !unclaimed.isEmpty, let event = noticeEvent(notice) {
            let whom = unclaimed.count == 1 ? shownContact(unclaimed[0].subscription.address) : "\(unclaimed.count) subscribers"
            let stalled = now.timeIntervalSince(event.at) > DeliverySummary.unclaimedPatience
            lines.append(DeliverySummary(mark: .pending, text: stalled
                ? "… not sent yet to \(whom): deliveries are made by 'crisis watch' or a dashboard that is not --read-only"
                : "… sending to \(whom)"))
        }
        return lines
    }
}
