import IncidentModel

/// The whole screen for a state: every widget drawn into a fresh grid. A pure function of the state, so
/// tests snapshot it at any size and time.
public struct DashboardView: Sendable {
    public let display: TimeDisplay
    /// Remembers laid-out entries between frames; invisible in what a frame shows.
    private let entryLines = EntryLinesCache()

    public init(display: TimeDisplay) {
        self.display = display
    }

    public func render(_ state: DashboardState) -> Grid {
        var grid = Grid(width: state.width, height: state.height)
        let context = RenderContext(state: state, display: display, entryLines: entryLines)
        let layout = context.layout
        if layout.isTooSmall {
            renderTooSmall(into: &grid)
            return grid
        }
        Header(context).render(into: &grid, area: layout.header)
        layout.board?.render(into: &grid)
        if let chainBanner = layout.chainBanner { ChainBanner(context).render(into: &grid, area: chainBanner) }
        FrameLine(context).render(into: &grid, area: layout.frame)
        ChannelPane(context, channel: .technical).render(into: &grid)
        ChannelPane(context, channel: .business).render(into: &grid)
        if !layout.isStacked {
            for y in layout.technical.y..<layout.technical.maxY {
                grid.put("│", at: Point(x: layout.technical.maxX, y: y), style: Style(.border))
            }
        }
        if let strip = layout.strip { Strip(context).render(into: &grid, area: strip) }
        if let banner = layout.banner { ReminderBanner(context).render(into: &grid, area: banner) }
        if let composer = layout.composer { ComposerLine(context).render(into: &grid, area: composer) }
        StatusLine(context).render(into: &grid, area: layout.status)
        if state.overlay == .help {
            HelpOverlay(context).render(into: &grid, area: Rect(x: 0, y: 0, width: state.width, height: state.height))
        }
        if case let .notice(title, lines) = state.overlay {
            NoticeOverlay(title: title, lines: lines).render(into: &grid, area: Rect(x: 0, y: 0, width: state.width, height: state.height))
        }
        return grid
    }

    /// Below 40x12 nothing fits well enough to be trusted: say so, centred.
    private func renderTooSmall(into grid: inout Grid) {
        TooSmallMessage.render("terminal too small", minimumWidth: DashboardLayout.minimumWidth,
                               minimumHeight: DashboardLayout.minimumHeight, into: &grid)
    }
}
