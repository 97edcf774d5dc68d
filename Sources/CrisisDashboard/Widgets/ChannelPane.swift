import Foundation
import IncidentModel

/// One channel: its title (focus, quiet timer), its lead (deadlines or the next update), and its entries,
/// newest at the bottom, each with its time, author and text wrapped to the pane's width.
public struct ChannelPane {
    public let context: RenderContext
    public let channel: PaneChannel

    public init(_ context: RenderContext, channel: PaneChannel) {
        self.context = context
        self.channel = channel
    }

    /// One line of an entry: styled pieces from left to right.
    typealias Line = [(text: String, style: Style)]

    public func render(into grid: inout Grid) {
        let area = context.layout.pane(channel)
        guard !area.isEmpty else { return }
        renderTitle(into: &grid, row: area.row(0))
        let lead = area.splitTop(1).rest.splitTop(context.layout.leadHeight(of: channel)).top
        switch channel {
        case .technical: DeadlinesList(context).render(into: &grid, area: lead)
        case .business: NextUpdateCountdown(context).render(into: &grid, area: lead)
        }
        renderEntries(into: &grid, area: context.layout.entryArea(of: channel))
    }

    private var role: StyleRole { channel == .technical ? .technical : .business }

    private func renderTitle(into grid: inout Grid, row: Rect) {
        let focused = context.state.focus == channel
        grid.fill(row, style: Style(.border), with: "─")
        let name = " \(channel.rawValue.uppercased()) "
        var x = grid.put("─", at: Point(x: row.x, y: row.y), style: Style(.border), limit: row.maxX)
        x = grid.put(name, at: Point(x: x, y: row.y), style: Style(focused ? .focus : role, bold: true, reverse: focused),
                     limit: row.maxX)
        if focused && !context.state.options.readOnly && row.width >= 30 {
            grid.put(" ✎ ", at: Point(x: x, y: row.y), style: Style(.focus, bold: true), limit: row.maxX)
        }
        let right = titleDetail()
        let rightWidth = DisplayWidth.of(right.text)
        if row.maxX - rightWidth - 1 > x + 3 {
            grid.put(right.text, at: Point(x: row.maxX - rightWidth - 1, y: row.y), style: right.style, limit: row.maxX)
        }
    }

    /// The technical pane says how long it has been quiet (punctuate silence); the business pane its cadence.
    private func titleDetail() -> (text: String, style: Style) {
        switch channel {
        case .technical:
            let quiet = context.now.timeIntervalSince(context.incident.lastTechnicalActivityAt)
            let style = quiet >= 15 * 60 ? Style(.warning, bold: true) : Style(.muted)
            return (" quiet \(Countdown.span(quiet)) ", style)
        case .business:
            return (" every \(DurationText.format(context.incident.cadence)) ", Style(.muted))
        }
    }

    private func renderEntries(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let entries = context.state.entries(of: channel)
        let scroll = context.state.scroll(of: channel)
        var rows = area.height
        let marker = scroll.isFollowing ? nil : markerText(scroll)
        if marker != nil { rows -= 1 }
        if entries.isEmpty {
            let hint = channel == .technical ? "no notes yet" : "no briefing yet"
            grid.put(" " + hint, at: Point(x: area.x, y: area.y), style: Style(.muted), limit: area.maxX)
            return
        }
        let end = max(0, entries.count - scroll.entriesBelow)
        var lines: [Line] = []
        var index = end - 1
        while index >= 0, lines.count < rows {
            // One column of margin keeps text off the divider.
            let event = entries[index]
            let receipts = channel == .business && context.incident.noticeEvent(event.sequence) != nil
                ? context.incident.deliverySummary(of: event.sequence, now: context.now, display: context.display) : []
            let key = EntryLinesCache.Key(sequence: event.sequence, channel: channel, width: area.width - 1,
                                          withDate: context.spansDays, receipts: receipts,
                                          identities: context.state.showsIdentities)
            var entry = context.entryLines.lines(for: key) {
                format(event, width: area.width - 1) + receiptLines(receipts, width: area.width - 1)
            }
            // When even the newest entry does not fit, its beginning (time, author, first words) says more.
            if index == end - 1, entry.count > rows { entry = Array(entry.prefix(rows)) }
            lines.insert(contentsOf: entry, at: 0)
            index -= 1
        }
        for (offset, line) in lines.suffix(max(0, rows)).enumerated() {
            var x = area.x
            for piece in line {
                x = grid.put(piece.text, at: Point(x: x, y: area.y + offset), style: piece.style, limit: area.maxX)
            }
        }
        if let marker {
            let row = area.row(area.height - 1)
            grid.fill(row, style: Style(.warning, bold: true, reverse: true))
            grid.put(TextWrap.truncate(marker, width: row.width), at: Point(x: row.x, y: row.y),
                     style: Style(.warning, bold: true, reverse: true), limit: row.maxX)
        }
    }

    private func markerText(_ scroll: PaneScroll) -> String {
        if scroll.unseen > 0 { return " ↓ \(scroll.unseen) new · End follows " }
        return " ↓ \(scroll.entriesBelow) more below · End follows "
    }

    /// An entry's lines: `14:05 dana  text…`, continuation lines indented under the text.
    func format(_ event: Event, width: Int) -> [Line] {
        let time = context.entryTime(event.recordedAt)
        // `/who`: the name typed beside the one the host or server knows, which `--as` cannot change.
        let identity = context.state.showsIdentities ? event.identity.map { " [\(safe($0))]" } ?? " [?]" : ""
        let author = TextWrap.truncate(safe(event.author) + identity, width: max(4, width / (identity.isEmpty ? 4 : 3)))
        let head = " \(time) "
        let headWidth = DisplayWidth.of(head) + DisplayWidth.of(author) + 1
        let indent = width >= 30 ? DisplayWidth.of(head) : 2
        let description = EventDescription(incident: context.incident, display: context.display).describe(event)
        let textStyle = textStyle(for: event)
        var lines: [Line] = []
        for (number, paragraph) in description.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let isFirst = number == 0
            let style = isFirst ? textStyle : Style(.muted)
            var text = safe(String(paragraph))
            // A later line's own indentation (a stack trace's frames, a quoted e-mail) is kept on top of the
            // entry's hanging indent, and its wrapped lines hang under it, so the shape stays readable.
            let own = isFirst ? 0 : min(text.prefix { $0 == " " }.count, max(0, (width - indent) / 2))
            text.removeFirst(own)
            let firstWidth = isFirst ? width - headWidth : width - indent - own
            let wrapped = TextWrap.wrap(text, firstWidth: max(1, firstWidth), width: max(1, width - indent - own))
            for (lineNumber, text) in wrapped.enumerated() {
                if isFirst && lineNumber == 0 {
                    lines.append([(head, Style(.muted)), (author, Style(role, bold: true)), (" ", Style.plain),
                                  (text, style)])
                } else {
                    lines.append([(String(repeating: " ", count: indent + own), Style.plain), (text, style)])
                }
            }
        }
        return lines
    }

    /// A notice's receipts, under it: green-free on purpose (a tick is enough), red with the reason when a
    /// delivery failed, amber while one waits.
    private func receiptLines(_ receipts: [DeliverySummary], width: Int) -> [Line] {
        let indent = width >= 30 ? DisplayWidth.of(" \(context.entryTime(context.now)) ") : 2
        var lines: [Line] = []
        for receipt in receipts {
            let style = switch receipt.mark {
            case .delivered, .superseded: Style(.muted)
            case .pending: Style(.warning)
            case .failed: Style(.alarm, bold: true)
            }
            for text in TextWrap.wrap(safe(receipt.text), firstWidth: max(1, width - indent), width: max(1, width - indent - 2)) {
                lines.append([(String(repeating: " ", count: indent), Style.plain), (text, style)])
            }
        }
        return lines
    }

    private func textStyle(for event: Event) -> Style {
        switch event.kind.channel {
        case .incident: return Style(.muted)
        default:
            switch event.payload {
            case .question, .customerRequest: return Style(.warning)
            case .deadlineSlipped, .deadlineDropped: return Style(.warning)
            case .frame: return Style(.frame)
            default: return Style(.text)
            }
        }
    }
}
