import Foundation

/// A promised business update and whether it came on time (seed 002: say when the next answer comes, and
/// keep your word). Every briefing commits to the next one; before the first briefing, the promise is
/// one cadence after opening.
public struct UpdatePromise: Equatable, Sendable, Encodable {
    public enum Outcome: String, Equatable, Sendable, Encodable {
        /// The update came at or before the promised time.
        case kept
        /// The update came, but late.
        case missed
        /// Not yet due, and no update yet.
        case pending
        /// Past due, and still no update: already a miss.
        case overdue
    }

    /// The briefing that made the promise; nil for the first one, which opening the incident implies.
    public let promisedBy: Int?
    public let promisedAt: Date
    public let dueAt: Date
    public let reason: String?
    /// The briefing that delivered it, if any.
    public let deliveredBy: Int?
    public let deliveredAt: Date?
    public let outcome: Outcome
    /// How late it came (or is), in seconds; zero when kept or pending.
    public let lateness: TimeInterval

    /// Settled promises count toward "updates on time"; a pending one does not yet.
    public var isSettled: Bool { outcome != .pending }

    /// How late `moment` is for a promise due at `due`, in seconds to the millisecond the log keeps: above
    /// zero is a miss.
    public static func lateness(of moment: Date, due: Date) -> TimeInterval {
        (moment.timeIntervalSince(due) * 1000).rounded() / 1000
    }
}

extension Incident {
    /// Every promise made to the customer, in order, judged as of `now`. Counting stops when the duty to
    /// brief ends: at closing, or at resolution when no briefing after it promised more.
    public func updatePromises(now: Date) -> [UpdatePromise] {
        let endedAt = promisesEndedAt
        let horizon = endedAt.map { min($0, now) } ?? now
        var promises: [UpdatePromise] = []
        var promise: (by: Int?, at: Date, due: Date, reason: String?) =
            (nil, openedAt, openedAt.addingTimeInterval(cadence), "first briefing due one cadence after opening")
        for briefing in briefings {
            let late = UpdatePromise.lateness(of: briefing.at, due: promise.due)
            promises.append(UpdatePromise(
                promisedBy: promise.by, promisedAt: promise.at, dueAt: promise.due, reason: promise.reason,
                deliveredBy: briefing.sequence, deliveredAt: briefing.at,
                outcome: late > 0 ? .missed : .kept, lateness: max(0, late)))
            promise = (briefing.sequence, briefing.at, briefing.nextUpdateAt, briefing.reason)
        }
        if endedAt == nil || promise.due < horizon {
            let late = UpdatePromise.lateness(of: horizon, due: promise.due)
            promises.append(UpdatePromise(
                promisedBy: promise.by, promisedAt: promise.at, dueAt: promise.due, reason: promise.reason,
                deliveredBy: nil, deliveredAt: nil,
                outcome: late > 0 ? .overdue : .pending, lateness: max(0, late)))
        }
        return promises
    }

    /// "updates on time 7/8": promises kept out of those settled so far.
    public func updatesOnTime(now: Date) -> (kept: Int, settled: Int) {
        let settled = updatePromises(now: now).filter(\.isSettled)
        return (settled.filter { $0.outcome == .kept }.count, settled.count)
    }

    /// How many times deadlines were moved, across all of them.
    public var deadlineSlipCount: Int { deadlines.reduce(0) { $0 + $1.slips.count } }
}
