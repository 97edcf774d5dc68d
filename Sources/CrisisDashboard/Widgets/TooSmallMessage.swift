import IncidentModel

/// What a screen says instead of itself when the terminal is below its minimum: a headline and what it needs,
/// centred. Nothing below a minimum fits well enough to be trusted.
enum TooSmallMessage {
    static func render(_ headline: String, minimumWidth: Int, minimumHeight: Int, into grid: inout Grid) {
        let lines = [headline, "need \(minimumWidth)x\(minimumHeight), have \(grid.width)x\(grid.height)"]
        let top = max(0, (grid.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let text = TextWrap.truncate(line, width: grid.width)
            let x = max(0, (grid.width - DisplayWidth.of(text)) / 2)
            grid.put(text, at: Point(x: x, y: top + index), style: Style(index == 0 ? .alarm : .muted, bold: index == 0))
        }
    }
}
