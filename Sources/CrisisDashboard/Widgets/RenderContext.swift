import Foundation
import IncidentModel

/// What every widget reads: the state, where things go, and how times are written.
public struct RenderContext: Sendable {
    public let state: DashboardState
    public let layout: DashboardLayout
    public let display: TimeDisplay
    let entryLines: EntryLinesCache

    public init(state: DashboardState, display: TimeDisplay) {
        self.init(state: state, display: display, entryLines: EntryLinesCache())
    }

    init(state: DashboardState, display: TimeDisplay, entryLines: EntryLinesCache) {
        self.state = state
        self.layout = DashboardLayout(state, display: display)
        self.display = display
        self.entryLines = entryLines
        spansDays = !display.isSameDay(state.incident.openedAt, state.now)
    }

    public var now: Date { state.now }
    public var incident: Incident { state.incident }

    /// Whether the incident has gone on past the day it opened: entry times then carry their date.
    public let spansDays: Bool

    /// An entry's time: `14:30`, or `Nov 23 14:30` once the incident spans days.
    public func entryTime(_ date: Date) -> String {
        spansDays ? display.dayAndClock(date) : display.clock(date)
    }

    /// The style a countdown is drawn in, by how urgent it is.
    public static func style(for urgency: Countdown.Urgency) -> Style {
        switch urgency {
        case .calm: Style(.countdown, bold: true)
        case .warning: Style(.warning, bold: true)
        case .overdue: Style(.alarm, bold: true, reverse: true)
        }
    }
}

/// Text from people, made safe for one line of the terminal.
func safe(_ text: String) -> String {
    TerminalSafeText.sanitize(text, lines: .fold)
}
