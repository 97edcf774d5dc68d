import IncidentModel

extension ChannelPane {
    /// How far back the pane may scroll and still be full: the entries left above the view must fill it
    /// (less the row the "more below" marker takes). When every entry fits, that is 0: scrolling a pane
    /// that shows everything would only leave rows empty (issue 11, bug 6).
    func deepestScroll() -> Int {
        let area = context.layout.entryArea(of: channel)
        let entries = context.state.entries(of: channel)
        let rows = area.height - 1
        guard rows > 0, !entries.isEmpty else { return 0 }
        var lines = 0
        for (index, event) in entries.enumerated() {
            let key = EntryLinesCache.Key(sequence: event.sequence, channel: channel, width: area.width - 1,
                                          withDate: context.spansDays, identities: context.state.showsIdentities)
            lines += context.entryLines.lines(for: key) { format(event, width: area.width - 1) }.count
            if lines >= rows { return entries.count - (index + 1) }
        }
        return 0
    }
}
