import Foundation
import IncidentModel

/// What following an incident reports, in the order it happened.
public enum FollowUpdate: Sendable {
    /// Events appended since the last ones reported, by anyone, in order and without gaps.
    case events([Event])
    /// The store went away or came back; `queued` entries of this person wait in the outbox.
    case connection(ConnectionState, queued: Int)
    /// A read failed for a reason other than the connection (a damaged log, a bug): not "offline", and not
    /// something trying again will mend. A screen shows it; a stream's reader may stop.
    case readFailed(String)
}
