import Foundation

/// When a failed delivery that may pass (sendmail's EX_TEMPFAIL, a timeout, a 5xx) is tried again: after
/// 30 s, then twice as long each time, and never once an hour has gone since the first attempt, when the
/// failure is recorded for good and flagged for someone to act on.
public enum DeliveryRetryPolicy {
    public static let firstWait: TimeInterval = 30
    public static let longestWait: TimeInterval = 16 * 60
    public static let givingUpAfter: TimeInterval = 60 * 60

    /// The time of the attempt after attempt `attempt` (1-based) failed at `now`, or nil to give up.
    public static func nextAttempt(after attempt: Int, firstAttemptAt: Date, now: Date) -> Date? {
        let wait = min(longestWait, firstWait * pow(2, Double(max(0, min(attempt - 1, 20)))))
        let next = now.addingTimeInterval(wait)
        return next.timeIntervalSince(firstAttemptAt) <= givingUpAfter ? next : nil
    }
}
