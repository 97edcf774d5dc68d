import Foundation
import IncidentModel
import IncidentStore
import IncidentSession

/// Which of the two channels (behavior 5) a pane shows.
public enum PaneChannel: String, CaseIterable, Equatable, Sendable {
    case technical, business

    public var other: PaneChannel { self == .technical ? .business : .technical }

    /// Whether an event shows in this pane: incident-wide events (owner, status) show in both, and so do
    /// workarounds, which the account manager passes on beside the briefings.
    public func shows(_ event: Event) -> Bool {
        switch event.payload {
        // A reminder, its answers and the lead-time setting belong with what they are about; a hook's
        // claim is bookkeeping, kept in the log but not in the panes.
        case .reminder(let record): return self == record.subject.pane
        case .reminderAcknowledged(let subject, _), .reminderSnoozed(let subject, _): return self == subject.pane
        case .reminderLead: return self == .business
        // So are a delivery's claims and receipts: the business pane shows them under their briefing.
        case .hookClaimed, .deliveryClaimed, .deliveryReceipt: return false
        default: break
        }
        switch event.kind.channel {
        case .technical: return self == .technical || event.kind == .workaround
        case .business: return self == .business
        case .incident: return true
        }
    }
}

extension ReminderSubject {
    /// The pane a reminder about this subject belongs in.
    var pane: PaneChannel {
        if case .update = self { return .business }
        return .technical
    }
}

/// How far a pane is scrolled back. Counted in entries from the newest, so entries that arrive while a
/// reader has scrolled up do not move what they are reading.
public struct PaneScroll: Equatable, Sendable {
    /// Entries below the view: 0 follows the newest.
    public var entriesBelow = 0
    /// Entries that arrived while scrolled up: the "N new" marker.
    public var unseen = 0

    public init() {}

    public var isFollowing: Bool { entriesBelow == 0 }
}

/// A message in the status line: a confirmation, or an error that says what was wrong.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case info, error }
    public let text: String
    public let kind: Kind

    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }

    /// How long a message that only informs stays: long enough to read, short enough that "posted: … in 36:35"
    /// or "briefing not posted" does not stand for minutes as if still true, nor hide the board's keys for good
    /// (found in review). An error stays until the next message replaces it.
    public static let lifetime: TimeInterval = 10

    /// Whether a message shown since `since` is still to be shown at `now`.
    public func stands(since: Date?, now: Date) -> Bool {
        kind == .error || since.map { now.timeIntervalSince($0) < Self.lifetime } ?? true
    }
}

/// Something drawn over the dashboard that takes the next key.
public enum Overlay: Equatable, Sendable {
    case help
    /// Asking before quitting, when Ctrl-C would lose typed text or entries waiting in the outbox.
    case confirmQuit
    /// Lines to read before anything else, in a box that any key closes: Ctrl-P's preview of what the
    /// customer would receive, or a webhook's signing secret, shown this once (issue 14).
    case notice(title: String, lines: [String])
}

/// Whether the store answers, as the session's follow reports it. Offline, the dashboard keeps counting
/// down on what it has, and what people type waits in the outbox.
public typealias Connection = ConnectionState

/// How the dashboard was started.
public struct DashboardOptions: Equatable, Sendable {
    /// The wall-screen mode: no composer.
    public var readOnly: Bool
    /// Block digits for the countdown however small the terminal (when they fit).
    public var big: Bool
    /// Who posts from this dashboard.
    public var author: String
    /// Ring the terminal's bell when a reminder arrives (`--no-bell` turns it off).
    public var bell: Bool
    /// The sender the customer's mail comes from (`CRISIS_MAIL_FROM`), for Ctrl-P's preview.
    public var mailFrom: MailAddress?
    /// Opened from the commander's board: Esc (with nothing typed), `b` on a wall, or `/board` goes back to it.
    public var fromBoard: Bool

    public init(readOnly: Bool = false, big: Bool = false, author: String, bell: Bool = true, mailFrom: MailAddress? = nil,
                fromBoard: Bool = false) {
        self.readOnly = readOnly
        self.big = big
        self.author = author
        self.bell = bell
        self.mailFrom = mailFrom
        self.fromBoard = fromBoard
    }
}

/// Everything the dashboard shows, and nothing else: the screen is a function of this value, and
/// `update` is the only way it changes. Equatable, so tests compare whole states.
public struct DashboardState: Equatable, Sendable {
    public private(set) var incident: Incident
    /// The incident's log as folded so far, oldest first.
    public private(set) var log: [Event]
    /// Where each pane's events are in `log`, kept as they arrive: a frame then costs what is on screen, not
    /// the whole log, and a pane costs a number per entry rather than a second copy of the event.
    private var paneEntries: [PaneChannel: [Int]]
    public var now: Date
    public let timeZone: TimeZone
    public var width: Int
    public var height: Int
    public let options: DashboardOptions
    public var focus: PaneChannel
    public var composer = Composer()
    public var scroll: [PaneChannel: PaneScroll] = [.technical: PaneScroll(), .business: PaneScroll()]
    public var status: StatusMessage? {
        didSet { statusSince = now }
    }
    /// When the status line last changed.
    public private(set) var statusSince: Date?
    public var overlay: Overlay?
    public var connection = Connection.online
    /// Where the incident's hash chain stopped matching, once the background check found it: the log was
    /// rewritten outside crisis, and the screen says so until it closes.
    public var chainBreak: ChainBreak?
    /// Whether entries show who wrote them as the host or server knows them (`/who`, `w` on a wall).
    public var showsIdentities = false
    /// Entries typed here or elsewhere on this machine that wait in the outbox for the store.
    public var queued = 0

    /// A dashboard on `log`, which must start with the incident's opening.
    public init(log: [Event], now: Date, timeZone: TimeZone, width: Int, height: Int,
                options: DashboardOptions, focus: PaneChannel = .technical) throws {
        incident = try Incident(events: log)
        self.log = log
        paneEntries = Dictionary(uniqueKeysWithValues: PaneChannel.allCases.map { pane in
            (pane, log.indices.filter { pane.shows(log[$0]) })
        })
        self.now = now
        self.timeZone = timeZone
        self.width = width
        self.height = height
        self.options = options
        self.focus = focus
    }

    /// The events a pane lists, oldest first.
    public func entries(of pane: PaneChannel) -> PaneEntries {
        PaneEntries(log: log, positions: paneEntries[pane] ?? [])
    }

    public func scroll(of pane: PaneChannel) -> PaneScroll {
        scroll[pane] ?? PaneScroll()
    }

    /// Folds newly appended events in; ones already seen (a second signal for the same write) are skipped.
    mutating func fold(_ events: [Event]) throws {
        for event in events where event.sequence > incident.lastSequence {
            try incident.apply(event)
            log.append(event)
            for pane in PaneChannel.allCases where pane.shows(event) {
                paneEntries[pane, default: []].append(log.count - 1)
                if var paneScroll = scroll[pane], !paneScroll.isFollowing {
                    paneScroll.entriesBelow += 1
                    paneScroll.unseen += 1
                    scroll[pane] = paneScroll
                }
            }
        }
    }
}

/// A pane's events: a view of the log through the pane's positions in it.
public struct PaneEntries: RandomAccessCollection, Sendable {
    let log: [Event]
    let positions: [Int]

    public var startIndex: Int { positions.startIndex }
    public var endIndex: Int { positions.endIndex }
    public subscript(position: Int) -> Event { log[positions[position]] }
}
