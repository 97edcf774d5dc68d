import Foundation
import IncidentModel

/// The board's order, most urgent first: promises already broken (the longest overdue on top), then the
/// soonest promised update, then incidents that owe nothing (resolved), by severity.
enum BoardOrder {
    static func sorted(_ digests: [IncidentDigest], now: Date) -> [IncidentDigest] {
        digests.sorted { lhs, rhs in
            let left = key(lhs, now: now), right = key(rhs, now: now)
            return left.owed != right.owed ? left.owed
                : left.due != right.due ? left.due < right.due
                : lhs.severity != rhs.severity ? lhs.severity < rhs.severity
                : lhs.id < rhs.id
        }
    }

    private static func key(_ digest: IncidentDigest, now: Date) -> (owed: Bool, due: Date) {
        switch digest.nextUpdate(now: now) {
        case .promised(let due, _, _): (true, due)
        case .resolved, .closed: (false, .distantFuture)
        }
    }
}
