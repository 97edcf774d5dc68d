import Foundation
import IncidentModel
import IncidentSession
import IncidentStore

/// Everything `Dashboard.run` needs: the person's session on the store, the incident, and how it should look.
public struct DashboardConfiguration: Sendable {
    /// Posts and follows for the person at the keyboard; its clock and time zone are the dashboard's.
    public var session: IncidentSession
    public var incident: IncidentID
    public var options: DashboardOptions
    public var theme: Theme
    public var focus: PaneChannel
    /// Where the composer's history is kept between runs; nil keeps it for this run only.
    public var history: ComposerHistoryFile?
    /// Records reminders as they fall due (and runs their hooks when this dashboard's append wins); nil on
    /// a read-only wall, which writes nothing.
    public var firer: ReminderFirer?

    public init(session: IncidentSession, incident: IncidentID, options: DashboardOptions, theme: Theme,
                focus: PaneChannel = .technical, history: ComposerHistoryFile? = nil, firer: ReminderFirer? = nil) {
        self.session = session
        self.incident = incident
        self.options = options
        self.theme = theme
        self.focus = focus
        self.history = history
        self.firer = firer
    }

    var clock: any IncidentClock { session.clock }
    var timeZone: TimeZone { session.timeZone }
}
