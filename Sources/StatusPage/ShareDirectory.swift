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
        var standing: [PageShare] = []
        for change in changes {
            switch change.change {
            case .granted(let share):
                standing.removeAll { $0.id == share.id }
                standing.append(share)
            case let .revoked(customer, share):
                standing.removeAll { $0.isFor(customer: customer) && (share == nil || $0.id == share) }
            }
        }
        active = standing
    }

    /// The share `token` opens, if any (compared in constant time).
    public func share(for token: ShareToken) -> PageShare? {
        token.matching(active)
    }

    /// The customers with at least one standing share.
    public var customers: Set<String> { Set(active.map { $0.customer.lowercased() }) }
}
