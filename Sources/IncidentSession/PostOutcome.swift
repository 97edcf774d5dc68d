import Foundation
import IncidentModel
import IncidentStore

/// What became of an entry handed to a session.
public enum PostOutcome: Sendable {
    /// The store recorded it.
    case posted(Event)
    /// It waits in the outbox, key and all, behind `waiting - 1` older entries: the store could not be reached
    /// (`reason`), or older entries still wait and a new one must not overtake them.
    case queued(EventDraft, waiting: Int, reason: String)
}
