import CustomerDelivery
import Foundation
import Testing

struct WebhookRetryPolicyTests {
    static let first = Date(timeIntervalSince1970: 1_795_444_509)

    @Test func theDelayDoublesFromThirtySecondsAndIsCapped() {
        let policy = WebhookRetryPolicy()
        #expect((1...7).map { policy.delay(after: $0) }
            == [.seconds(30), .seconds(60), .seconds(120), .seconds(240), .seconds(480), .seconds(960), .seconds(1800)])
        #expect(policy.delay(after: 1000) == .seconds(1800), "capped, and no overflow")
    }

    /// Counted from the first attempt: 0, 30 s, 1.5, 3.5, 7.5, 15.5 and 31.5 minutes; the next would start
    /// 61.5 minutes after the first, past the hour, so the seventh attempt is the last.
    @Test func theScheduleGivesUpAfterAnHour() {
        let policy = WebhookRetryPolicy()
        let offsets = policy.schedule(firstAttemptAt: Self.first).map { $0.timeIntervalSince(Self.first) }
        #expect(offsets == [0, 30, 90, 210, 450, 930, 1890])
        #expect(policy.nextAttempt(after: 1, firstAttemptAt: Self.first) == Self.first + 30)
        #expect(policy.nextAttempt(after: 6, firstAttemptAt: Self.first) == Self.first + 1890)
        #expect(policy.nextAttempt(after: 7, firstAttemptAt: Self.first) == nil)
        #expect(policy.nextAttempt(after: 50, firstAttemptAt: Self.first) == nil)
    }

    @Test func anAttemptExactlyAtTheLimitIsStillMade() {
        let policy = WebhookRetryPolicy(firstDelay: .seconds(60), maximumDelay: .seconds(60), giveUpAfter: .seconds(180))
        let offsets = policy.schedule(firstAttemptAt: Self.first).map { $0.timeIntervalSince(Self.first) }
        #expect(offsets == [0, 60, 120, 180])
    }
}
