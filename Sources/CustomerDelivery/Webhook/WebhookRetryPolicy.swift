import Foundation

/// When a delivery that failed for a temporary reason is tried again: 30 s after the first attempt, then 1, 2,
/// 4, 8, 16 minutes between attempts, and no attempt that would start more than an hour after the first.
///
/// Pure and given its times, so the schedule is tested without waiting and a restarted process picks up where
/// the last one left off. An update older than an hour is stale for a customer (the next one is due by then),
/// so giving up is better than delivering it late; the failure is reported instead.
public struct WebhookRetryPolicy: Sendable, Equatable {
    public var firstDelay: Duration
    public var maximumDelay: Duration
    /// No attempt starts later than this after the first.
    public var giveUpAfter: Duration

    public init(firstDelay: Duration = .seconds(30), maximumDelay: Duration = .seconds(30 * 60),
                giveUpAfter: Duration = .seconds(60 * 60)) {
        precondition(firstDelay > .zero, "a retry policy without a delay would retry at once, forever")
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.giveUpAfter = giveUpAfter
    }

    /// The wait after attempt `attempt` (1-based): the first delay, doubled each time, capped.
    public func delay(after attempt: Int) -> Duration {
        // 2^20 × 30 s is a year: far past any cap, and far from overflowing.
        let doublings = min(max(attempt - 1, 0), 20)
        return min(firstDelay * (1 << doublings), maximumDelay)
    }

    /// When attempt `attempt + 1` is due, counted from the first attempt's time (a slow attempt does not push
    /// the schedule); nil when it would start more than `giveUpAfter` after the first: give up.
    public func nextAttempt(after attempt: Int, firstAttemptAt first: Date) -> Date? {
        var offset = Duration.zero
        for done in 1...max(attempt, 1) { offset += delay(after: done) }
        guard offset <= giveUpAfter else { return nil }
        return first.addingTimeInterval(Self.seconds(offset))
    }

    /// Every attempt's time, the first included: what a log or a test shows.
    public func schedule(firstAttemptAt first: Date) -> [Date] {
        var times = [first]
        while let next = nextAttempt(after: times.count, firstAttemptAt: first) { times.append(next) }
        return times
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }
}
