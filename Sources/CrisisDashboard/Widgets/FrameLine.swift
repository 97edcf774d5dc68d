/// What we are trying to do right now (behavior 3), always on screen.
public struct FrameLine {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard area.height >= 1 else { return }
        let row = area.row(0)
        grid.fill(row, style: Style(.frame))
        let x = grid.put(" FRAME ", at: Point(x: row.x, y: row.y), style: Style(.frame, bold: true, reverse: true),
                         limit: row.maxX)
        if let frame = context.incident.frame {
            grid.put(" " + TextWrap.truncate(safe(frame.text), width: row.maxX - x - 2), at: Point(x: x, y: row.y),
                     style: Style(.frame, bold: true), limit: row.maxX)
        } else {
            grid.put(" " + TextWrap.truncate("not set: /frame TEXT says what we are trying to do right now",
                                             width: row.maxX - x - 2),
                     at: Point(x: x, y: row.y), style: Style(.muted), limit: row.maxX)
        }
    }
}
