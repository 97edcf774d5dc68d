import Foundation
import IncidentModel
import IncidentStore

/// Everything that can change the dashboard: what the person types, what the store reports, the clock
/// and the terminal. `DashboardState.update` is the one place each of them is handled.
public enum DashboardEvent: Sendable {
    case key(Key)
    /// Events appended to the incident since the dashboard last looked, by anyone, in order.
    case storeEvents([Event])
    /// The background check of the incident's hash chain found an event that does not match.
    case chainBroken(ChainBreak)
    /// The clock moved on (the loop sends one at every second boundary).
    case tick(Date)
    case resize(width: Int, height: Int)
    /// An append the dashboard asked for is recorded.
    case posted(Event)
    /// An append the dashboard asked for failed; the message says why.
    case postFailed(String, text: String?)
    /// `$EDITOR` closed; nil when nothing was saved.
    case editorFinished(String?)
    /// The store went away or came back; `queued` entries wait in the outbox.
    case connection(Connection, queued: Int)
    /// The store could not be reached, so the entry went to the outbox.
    case queuedOffline(queued: Int)
}

/// What `update` asks the run loop to do, since the state itself does no I/O.
public enum Effect: Equatable, Sendable {
    /// Append this event to the incident; `text` is what the composer held, restored if the append fails.
    case append(EventPayload, text: String?)
    /// Suspend the screen and let the person write in `$EDITOR`, starting from this text.
    case openEditor(String)
    case quit
    /// Leave this incident for the commander's board it was opened from.
    case backToBoard
}
