import Foundation

/// What a session did on its own that the person should hear about: the outbox it sent on their behalf.
public enum SessionNotice: Sendable, Equatable {
    /// Entries queued while the store was out of reach were sent, in order.
    case sentQueued(count: Int)
    /// Queued entries the store refused for good were set aside, with their reasons, in `path`.
    case setAside(count: Int, path: String)
    /// Queued entries still wait in `path`: the store went away again.
    case stillWaiting(count: Int, path: String)

    /// One line for a person.
    public var message: String {
        switch self {
        case .sentQueued(let count):
            "sent \(count) entr\(count == 1 ? "y" : "ies") queued while the store was out of reach"
        case let .setAside(count, path):
            "\(count) queued entr\(count == 1 ? "y was" : "ies were") refused by the store and set aside in \(path)"
        case let .stillWaiting(count, path):
            "\(count) queued entr\(count == 1 ? "y still waits" : "ies still wait") in \(path)"
        }
    }
}
