import Foundation
import IncidentModel

/// How the board was started.
public struct BoardOptions: Equatable, Sendable {
    /// The wall: the board and its incidents can be looked at, never written to.
    public var readOnly: Bool
    /// Block digits for the most urgent countdown, readable across a room.
    public var big: Bool

    public init(readOnly: Bool = false, big: Bool = false) {
        self.readOnly = readOnly
        self.big = big
    }
}

/// Everything the commander's board shows: every open incident's digest, the filter, the chosen row. Like
/// the dashboard's state, the screen is a function of this value and `update` is the only way it changes.
public struct BoardState: Equatable, Sendable {
    /// Every open incident as the store last said, whatever the filter.
    public internal(set) var incidents: [IncidentDigest] = []
    /// Whether the store has answered yet: before, the board says it is reading rather than "no incidents".
    public internal(set) var loaded = false
    public var filter: BoardFilter
    /// The chosen incident, kept by id so it stays chosen as rows move with their urgency.
    public internal(set) var selected: IncidentID?
    public var now: Date
    public let timeZone: TimeZone
    public var width: Int
    public var height: Int
    public let options: BoardOptions
    public var status: StatusMessage? {
        didSet { statusSince = now }
    }
    /// When the status line last changed.
    public private(set) var statusSince: Date?
    /// The `/` command being typed, if one is.
    public var prompt: LineEditor?
    public var showsHelp = false
    /// Why the store could not be read, while it cannot.
    public var problem: String?

    public init(now: Date, timeZone: TimeZone, width: Int, height: Int, options: BoardOptions,
                filter: BoardFilter = BoardFilter()) {
        self.now = now
        self.timeZone = timeZone
        self.width = width
        self.height = height
        self.options = options
        self.filter = filter
    }

    /// The rows on show: the filter's incidents, most urgent first.
    public var rows: [IncidentDigest] {
        BoardOrder.sorted(incidents.filter(filter.admits), now: now)
    }

    /// Where the chosen incident is among the rows; the first row when it is not there.
    public var selectedIndex: Int {
        let rows = rows
        return selected.flatMap { id in rows.firstIndex { $0.id == id } } ?? 0
    }

    /// Open incidents the filter hides.
    public var hiddenCount: Int { incidents.count - incidents.filter(filter.admits).count }
}

/// What changes the board.
public enum BoardEvent: Sendable {
    case key(Key)
    /// Every open incident's digest, as the store has them now.
    case incidents([IncidentDigest])
    /// The store could not be read; the message says why.
    case readFailed(String)
    case tick(Date)
    case resize(width: Int, height: Int)
}

/// What the board's update asks its loop to do.
public enum BoardEffect: Equatable, Sendable {
    /// Show this incident's split view, in the same process.
    case open(IncidentID)
    /// Keep this filter for the next run.
    case saveFilter(BoardFilter)
    case quit
}
