import IncidentModel

/// Where each part of the dashboard goes for a terminal size. 80x24 has everything; down to 40x12 the
/// essentials stay (countdown, owner, newest entries, composer); below that only a message.
public struct DashboardLayout: Equatable, Sendable {
    public static let minimumWidth = 40
    public static let minimumHeight = 12
    /// From this width the channels sit side by side; narrower, they are stacked.
    public static let sideBySideWidth = 72

    public let width: Int
    public let height: Int
    public let isTooSmall: Bool
    public let isStacked: Bool
    public let header: Rect
    /// The row under the header saying the hash chain stopped matching; absent while it holds.
    public let chainBanner: Rect?
    /// The wall screen's board of big letters (`--big` with room for it), under a one-row header.
    public let board: WallBoard?
    public let frame: Rect
    public let technical: Rect
    public let business: Rect
    /// The open questions, workarounds and customer requests; absent on short terminals.
    public let strip: Rect?
    /// Absent in read-only mode.
    public let composer: Rect?
    /// The row over the composer (over the status line on a wall) naming who must act on a standing
    /// reminder; absent while none stands.
    public let banner: Rect?
    /// The reminders that stand, newest first.
    public let reminders: [LoggedReminder]
    public let status: Rect
    /// Whether the countdown is drawn in block digits.
    public let bigCountdown: Bool
    public let technicalLeadHeight: Int
    public let businessLeadHeight: Int

    /// From this size `--big` draws the wall screen's board; smaller, only the countdown grows.
    public static let wallMinimumWidth = 100
    public static let wallMinimumHeight = 30
    /// Rows the channels keep on a wall screen however much the board would like.
    static let wallEntryRows = 12

    public init(_ state: DashboardState) {
        self.init(state, display: state.options.big ? TimeDisplay(timeZone: state.timeZone) : nil)
    }

    /// `display` writes the board's times; needed only for `--big`.
    public init(_ state: DashboardState, display: TimeDisplay?) {
        width = state.width
        height = state.height
        isTooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        isStacked = width < Self.sideBySideWidth

        var rest = Rect(x: 0, y: 0, width: width, height: height)
        let isWall = state.options.big && !isTooSmall && width >= Self.wallMinimumWidth
            && height >= Self.wallMinimumHeight
        if isWall, let display {
            (header, rest) = rest.splitTop(1)
            // The frame, the strip, the status and composer rows, and the channels' own rows stay free.
            let spare = rest.height - 4 - (state.options.readOnly ? 0 : 1) - Self.wallEntryRows
            let wall = WallBoard(state, display: display, width: width, maxHeight: max(0, spare - 1), top: rest.y + 1)
            board = wall
            rest = rest.splitTop(wall.height + 1).rest
        } else {
            (header, rest) = rest.splitTop(2)
            board = nil
        }
        if state.chainBreak != nil {
            let bannerRow: Rect
            (bannerRow, rest) = rest.splitTop(1)
            chainBanner = bannerRow
        } else {
            chainBanner = nil
        }
        (frame, rest) = rest.splitTop(1)
        let statusRow: Rect
        // A read-only wall has no keys to hint at: its status row appears only to say something.
        (rest, statusRow) = rest.splitBottom(board != nil && state.options.readOnly && state.status == nil ? 0 : 1)
        status = statusRow
        if state.options.readOnly {
            composer = nil
        } else {
            let composerRow: Rect
            (rest, composerRow) = rest.splitBottom(1)
            composer = composerRow
        }
        reminders = state.incident.standingReminders(now: state.now)
        if reminders.isEmpty {
            banner = nil
        } else {
            let bannerRow: Rect
            (rest, bannerRow) = rest.splitBottom(1)
            banner = bannerRow
        }
        if height >= 20 {
            let stripRow: Rect
            (rest, stripRow) = rest.splitBottom(1)
            strip = stripRow
        } else {
            strip = nil
        }
        if isStacked {
            let (top, bottom) = rest.splitTop(rest.height / 2)
            technical = top
            business = bottom
        } else {
            let left = (rest.width - 1) / 2
            technical = Rect(x: rest.x, y: rest.y, width: left, height: rest.height)
            business = Rect(x: rest.x + left + 1, y: rest.y, width: rest.width - left - 1, height: rest.height)
        }

        let wantsBig = state.options.big || (width >= 160 && height >= 45)
        bigCountdown = board == nil && wantsBig && business.width >= BlockDigits.width(of: "+00:00:00") + 2 && business.height >= 14
        if board != nil {
            // The board shows the next update.
            businessLeadHeight = 0
        } else if bigCountdown {
            businessLeadHeight = BlockDigits.height + 2
        } else {
            businessLeadHeight = business.height >= 6 ? 2 : 1
        }
        let deadlines = state.incident.openDeadlines.count
            + DeadlinesList.recentlyClosed(state.incident, now: state.now).count
        let deadlineRows = max(1, (technical.height - 3) / 3)
        if deadlines > 0 {
            technicalLeadHeight = min(deadlines, deadlineRows)
        } else {
            technicalLeadHeight = technical.height >= 8 ? 1 : 0
        }
    }

    public func pane(_ channel: PaneChannel) -> Rect {
        channel == .technical ? technical : business
    }

    public func leadHeight(of channel: PaneChannel) -> Int {
        channel == .technical ? technicalLeadHeight : businessLeadHeight
    }

    /// The rows under a pane's title and lead, where its entries scroll.
    public func entryArea(of channel: PaneChannel) -> Rect {
        let area = pane(channel).splitTop(1).rest
        return area.splitTop(leadHeight(of: channel)).rest
    }
}
