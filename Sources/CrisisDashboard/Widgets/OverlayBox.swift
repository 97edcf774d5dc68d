/// The framed box the overlays draw over the dashboard (help, Ctrl-P's preview, a webhook's secret): cleared,
/// bordered, titled at the top left and "any key closes" at the bottom right.
enum OverlayBox {
    static func draw(_ box: Rect, title: String, into grid: inout Grid) {
        let border = Style(.border, bold: true)
        grid.fill(box, style: Style(.text))
        grid.put("┌" + String(repeating: "─", count: box.width - 2) + "┐", at: Point(x: box.x, y: box.y), style: border)
        grid.put("└" + String(repeating: "─", count: box.width - 2) + "┘", at: Point(x: box.x, y: box.maxY - 1), style: border)
        for y in (box.y + 1)..<(box.maxY - 1) {
            grid.put("│", at: Point(x: box.x, y: y), style: border)
            grid.put("│", at: Point(x: box.maxX - 1, y: y), style: border)
        }
        grid.put(" \(title) ", at: Point(x: box.x + 2, y: box.y), style: Style(.header, bold: true))
        grid.put(" any key closes ", at: Point(x: box.maxX - 18, y: box.maxY - 1), style: Style(.muted))
    }
}
