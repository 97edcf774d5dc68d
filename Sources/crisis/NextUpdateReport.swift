import Foundation
import IncidentModel

/// The next update as `show --json` and `list --json` write it: a standing promise with its countdown, or
/// why none is owed.
struct NextUpdateReport: Encodable {
    /// `promised`, `resolved` (no further update promised) or `closed`.
    let state: String
    let due: Date?
    let reason: String?
    let remainingSeconds: Int?
    let overdue: Bool
    /// When resolution or closing ended the duty to brief.
    let endedAt: Date?

    init(_ nextUpdate: NextUpdate) {
        switch nextUpdate {
        case let .promised(due, reason, countdown):
            (state, self.due, self.reason, remainingSeconds, overdue, endedAt) =
                ("promised", due, reason, countdown.remainingSeconds, countdown.isOverdue, nil)
        case .resolved(let at):
            (state, due, reason, remainingSeconds, overdue, endedAt) = ("resolved", nil, nil, nil, false, at)
        case .closed(let at):
            (state, due, reason, remainingSeconds, overdue, endedAt) = ("closed", nil, nil, nil, false, at)
        }
    }
}
