import Foundation
import IncidentModel

/// What following an incident reports, in the order it happened.
public enum FollowUpdate: Sendable {
    /// Events appended since the last ones reported, by anyone, in order and without gaps.
    case events([Event])
    /// The store went away or came back; `queued` entries of this person wait in the outbox.
    case connection(ConnectionState, queued: Int)
    /// Something a person should read that is neither: queued entries the store refused and set aside, or a
    /// read that failed for a reason other than the connection.
    case problem(String)
}
