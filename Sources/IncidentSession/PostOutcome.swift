import Foundation
import IncidentModel
import IncidentStore

/// What became of an entry handed to a session.
public enum PostOutcome: Sendable {
    /// The store recorded it.
    case posted(Event)
    /// It waits in the outbox, key and all, behind `waiting - 1` older entries, for `reason`: the store could
    /// not be reached (`offline`), or older entries wait that the store did not take for another reason (a
    /// read-only file, a bug), and a new entry must not overtake them. Only the first is "offline".
    case queued(EventDraft, waiting: Int, reason: String, offline: Bool)
}
