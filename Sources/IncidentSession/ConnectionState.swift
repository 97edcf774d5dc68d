import Foundation

/// Whether the store answers. Offline, a front end keeps showing what it has, and what people post waits in
/// the outbox.
public enum ConnectionState: Equatable, Sendable {
    case online
    case offline(since: Date, reason: String)
}
