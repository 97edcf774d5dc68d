import Foundation
import IncidentModel

/// Which incidents' digests to read: open ones or all, narrowed by customer and recent activity, a page at a
/// time from the newest.
public struct DigestQuery: Equatable, Sendable {
    /// Only incidents still open.
    public var openOnly: Bool
    /// Only incidents with an event at or after this moment.
    public var activeSince: Date?
    /// Only this customer's incidents, in any letter case.
    public var customer: String?
    /// At most this many, newest first; nil for all.
    public var limit: Int?
    /// How many of the newest to skip: `limit` times the pages before.
    public var offset: Int

    public init(openOnly: Bool = false, activeSince: Date? = nil, customer: String? = nil, limit: Int? = nil,
                offset: Int = 0) {
        self.openOnly = openOnly
        self.activeSince = activeSince
        self.customer = customer
        self.limit = limit
        self.offset = offset
    }

    /// Every open incident.
    public static let open = DigestQuery(openOnly: true)
}

/// One page of digests, newest incident first, and how many matched in all.
public struct DigestPage: Equatable, Sendable {
    public let digests: [IncidentDigest]
    public let total: Int

    public init(digests: [IncidentDigest], total: Int) {
        self.digests = digests
        self.total = total
    }
}
