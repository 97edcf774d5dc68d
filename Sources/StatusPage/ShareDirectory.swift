import Foundation
import IncidentModel

/// Which status-page shares stand, read from the logs of every incident: each `crisis share` and
/// `share --revoke` is an event in the log of one of the customer's incidents, and the latest word on a
/// share wins, whichever incident it was logged in.
public struct ShareDirectory: Equatable, Sendable {
    /// The shares that open a page, oldest first.
    public let active: [PageShare]

    public init(incidents: [Incident]) {
        let changes = incidents.flatMap(\.pageShares).sorted { ($0.at, $0.sequence) < ($1.at, $1.sequence) }
        // A share revoked by name stays revoked whatever the order the logs give (a share is never granted
        // twice, and clocks of writers on one host can disagree); only "every share of the customer" goes by time.
        let revokedByName = Set(changes.compactMap { change -> String? in
            if case .revoked(_, let share?) = change.change { share } else { nil }
        })
        var standing: [PageShare] = []
        for change in changes {
            switch change.change {
            case .granted(let share):
                guard !revokedByName.contains(share.id) else { continue }
                standing.removeAll { $0.id == share.id }
                standing.append(share)
            case .revoked(let customer, nil):
                standing.removeAll { $0.isFor(customer: customer) }
            case .revoked:
                break
            }
        }
        active = standing
    }

    /// The share `token` opens, if any (compared in constant time).
    public func share(for token: ShareToken) -> PageShare? {
        token.matching(active)
    }
}
