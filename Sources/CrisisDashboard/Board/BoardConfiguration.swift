import Foundation
import IncidentModel
import IncidentSession

/// Everything `Board.run` needs: the person's session, how the board and the incidents opened from it look,
/// and where the filter is kept.
public struct BoardConfiguration: Sendable {
    public var session: IncidentSession
    public var options: BoardOptions
    /// How an incident opened from the board is shown (its `fromBoard` is set when it is opened).
    public var dashboard: DashboardOptions
    public var theme: Theme
    /// The channel an incident opened from the board starts focused on (`--channel`).
    public var focus: PaneChannel
    public var filterFile: BoardFilterFile?
    public var history: ComposerHistoryFile?
    /// Records reminders and delivers notices for the incident on screen; nil on a read-only wall.
    public var firer: ReminderFirer?

    public init(session: IncidentSession, options: BoardOptions, dashboard: DashboardOptions, theme: Theme,
                focus: PaneChannel = .technical, filterFile: BoardFilterFile?, history: ComposerHistoryFile?,
                firer: ReminderFirer?) {
        self.session = session
        self.options = options
        self.dashboard = dashboard
        self.theme = theme
        self.focus = focus
        self.filterFile = filterFile
        self.history = history
        self.firer = firer
    }

    /// The split view of `incident`, opened from the board.
    func dashboard(for incident: IncidentID) -> DashboardConfiguration {
        var options = dashboard
        options.fromBoard = true
        return DashboardConfiguration(session: session, incident: incident, options: options, theme: theme,
                                      focus: focus, history: history, firer: firer)
    }
}
