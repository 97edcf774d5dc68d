import Foundation
import IncidentModel
import IncidentStore

/// Everything `Dashboard.run` needs: where the incident lives, who is looking, and how it should look.
public struct DashboardConfiguration: Sendable {
    public var store: any IncidentStore
    public var incident: IncidentID
    public var options: DashboardOptions
    public var theme: Theme
    public var focus: PaneChannel
    public var clock: any IncidentClock
    public var timeZone: TimeZone
    /// Where entries wait while the store is out of reach; nil keeps nothing (the demo's throw-away store).
    public var outbox: Outbox?
    /// Where the composer's history is kept between runs; nil keeps it for this run only.
    public var history: ComposerHistoryFile?

    public init(store: any IncidentStore, incident: IncidentID, options: DashboardOptions, theme: Theme,
                focus: PaneChannel = .technical, clock: any IncidentClock = SystemClock(),
                timeZone: TimeZone = .current, outbox: Outbox? = nil, history: ComposerHistoryFile? = nil) {
        self.store = store
        self.incident = incident
        self.options = options
        self.theme = theme
        self.focus = focus
        self.clock = clock
        self.timeZone = timeZone
        self.outbox = outbox
        self.history = history
    }
}
