import IncidentModel

/// The row under the header once the incident's hash chain stops matching: the log was rewritten outside
/// crisis. Red and reversed on every screen, as nothing on it can be trusted as recorded from that event on.
public struct ChainBanner {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard let problem = context.state.chainBreak, !area.isEmpty else { return }
        let style = Style(.alarm, bold: true, reverse: true)
        grid.fill(area, style: style)
        let text = " LOG REWRITTEN  \(context.incident.id) event \(problem.sequence): \(problem.problem) · crisis verify "
        grid.put(TextWrap.truncate(text, width: area.width), at: Point(x: area.x, y: area.y), style: style, limit: area.maxX)
    }
}
