/// Lines to read in a box over the dashboard (Ctrl-P's preview of the customer's message, a webhook's
/// secret); any key closes it. What does not fit is cut, with a line that says how to see all of it.
struct NoticeOverlay {
    let title: String
    let lines: [String]

    func render(into grid: inout Grid, area: Rect) {
        let width = min(area.width - 2, 100)
        let height = area.height - 2
        guard width >= 20, height >= 5 else { return }
        let inner = width - 4
        // A line's own indentation (the webhook's JSON) is kept, and what wraps hangs under it.
        var rows = lines.flatMap { line -> [String] in
            let indent = String(repeating: " ", count: min(line.prefix { $0 == " " }.count, inner / 2))
            let text = String(line.dropFirst(indent.count))
            return text.isEmpty ? [""] : TextWrap.wrap(safe(text), firstWidth: inner - indent.count, width: inner - indent.count)
                .map { indent + $0 }
        }
        if rows.count > height - 3 {
            rows = Array(rows.prefix(height - 4)) + ["… (all of it: crisis brief --preview TEXT)"]
        }
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + 1, width: width, height: min(height, rows.count + 3))
        OverlayBox.draw(box, title: title, into: &grid)
        for (index, row) in rows.enumerated() where box.y + 1 + index < box.maxY - 1 {
            let style = index == 0 ? Style(.muted) : (row.hasPrefix("Subject:") ? Style(.business, bold: true) : Style(.text))
            grid.put(row, at: Point(x: box.x + 2, y: box.y + 1 + index), style: style, limit: box.maxX - 2)
        }
    }
}
