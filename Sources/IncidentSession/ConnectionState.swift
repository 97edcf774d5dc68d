import Foundation

/// Whether the store answers. Offline, a front end keeps showing what it has, and what people post waits in
/// the outbox.
public enum ConnectionState: Equatable, Sendable {
    case online
    case offline(since: Date, reason: String)
}

extension ConnectionState {
    /// Why a front end is offline when the server has no connection left for it: it is not down, and the
    /// front end gets in by itself once a terminal somewhere lets a connection go.
    public static let serverFullReason = "waiting for a database connection: the server is full"

    /// Offline because the server is full, not out of reach.
    public var isWaitingForConnectionSlot: Bool {
        if case .offline(_, Self.serverFullReason) = self { return true }
        return false
    }
}
