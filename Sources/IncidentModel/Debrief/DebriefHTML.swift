import Foundation

/// The debrief as one self-contained HTML file with an inline SVG timeline: the two channels as two lanes,
/// briefings as marks, and each committed update as a bar, green when kept and red when missed.
public struct DebriefHTML {
    public let debrief: Debrief
    public let display: TimeDisplay

    public init(debrief: Debrief, display: TimeDisplay) {
        self.debrief = debrief
        self.display = display
    }

    public func render() -> String {
        let markdownSections = DebriefMarkdown(debrief: debrief, display: display).render()
        let i = debrief.incident
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Debrief \(i.id) \(escape(i.title))</title>
            <style>
            body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #1d2330; }
            h1 { font-size: 1.5rem; } .kept { color: #1a7f37; } .missed { color: #c62828; font-weight: 600; }
            table { border-collapse: collapse; margin: .5rem 0 1.5rem; } td, th { padding: .2rem .6rem; border-bottom: 1px solid #e3e6ec; text-align: left; vertical-align: top; }
            svg { width: 100%; height: auto; border: 1px solid #e3e6ec; border-radius: 6px; background: #fbfcfe; }
            .legend span { margin-right: 1.2rem; } pre { white-space: pre-wrap; background: #f6f8fa; padding: 1rem; border-radius: 6px; }
            </style>
            </head>
            <body>
            <h1>Debrief: \(i.id) \(escape(i.title))</h1>
            <p>\(escape(i.customer ?? "no customer named")) · \(i.severity) · \(i.status) · updates on time
            <b>\(debrief.updatesOnTime)/\(debrief.updatesSettled)</b> · deadline slips <b>\(debrief.deadlineSlips)</b></p>
            \(timelineSVG())
            <p class="legend"><span class="kept">▮ promised update kept</span><span class="missed">▮ promised update missed</span><span>◆ briefing</span><span>● technical event</span></p>
            <pre>\(escape(markdownSections))</pre>
            </body>
            </html>

            """
    }

    /// Lanes: technical on top, business below; x is time from opening to the end of the record.
    func timelineSVG() -> String {
        let width = 1000.0, left = 110.0, right = 20.0, laneHeight = 60.0, top = 30.0
        let start = debrief.incident.openedAt
        let end = max(debrief.endedAt, debrief.promises.map(\.dueAt).max() ?? debrief.endedAt,
                      debrief.timeline.last?.at ?? start)
        let span = max(end.timeIntervalSince(start), 60)
        func x(_ date: Date) -> Double { left + (width - left - right) * date.timeIntervalSince(start) / span }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        let technicalY = top + laneHeight / 2, businessY = top + laneHeight * 1.5
        var svg: [String] = []
        let height = top + laneHeight * 2 + 40
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"Incident timeline\">")
        svg.append("<text x=\"10\" y=\"\(f(technicalY + 4))\" font-size=\"13\">technical</text>")
        svg.append("<text x=\"10\" y=\"\(f(businessY + 4))\" font-size=\"13\">business</text>")
        for y in [technicalY, businessY] {
            svg.append("<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\" stroke=\"#c9ced8\"/>")
        }
        for promise in debrief.promises {
            let color: String
            switch promise.outcome {
            case .kept: color = "#2e9d4f"
            case .missed, .overdue: color = "#d64545"
            case .pending: color = "#9aa3b2"
            }
            let x0 = x(promise.promisedAt), x1 = x(promise.dueAt)
            svg.append("<rect class=\"promise \(promise.outcome.rawValue)\" x=\"\(f(x0))\" y=\"\(f(businessY + 8))\" width=\"\(f(max(2, x1 - x0)))\" height=\"8\" rx=\"2\" fill=\"\(color)\"><title>update due \(escape(display.clock(promise.dueAt))): \(promise.outcome.rawValue)</title></rect>")
        }
        for entry in debrief.timeline {
            let cx = x(entry.at)
            let tip = "<title>\(escape(display.clock(entry.at))) \(escape(entry.author)): \(escape(entry.text))</title>"
            switch entry.channel {
            case .business where entry.kind == .briefing:
                svg.append("<path class=\"briefing\" d=\"M \(f(cx)) \(f(businessY - 8)) l 6 8 l -6 8 l -6 -8 z\" fill=\"#2f5fd0\">\(tip)</path>")
            case .business:
                svg.append("<circle cx=\"\(f(cx))\" cy=\"\(f(businessY))\" r=\"3.5\" fill=\"#6b7fb8\">\(tip)</circle>")
            case .technical:
                svg.append("<circle class=\"technical\" cx=\"\(f(cx))\" cy=\"\(f(technicalY))\" r=\"3.5\" fill=\"#444c5c\">\(tip)</circle>")
            case .incident:
                svg.append("<line x1=\"\(f(cx))\" y1=\"\(f(top))\" x2=\"\(f(cx))\" y2=\"\(f(top + laneHeight * 2))\" stroke=\"#e0a100\" stroke-dasharray=\"3 3\">\(tip)</line>")
            }
        }
        let axisY = top + laneHeight * 2 + 20
        let ticks = 6
        for tick in 0...ticks {
            let date = start.addingTimeInterval(span * Double(tick) / Double(ticks))
            let label = debrief.spansDays ? display.dayAndClock(date) : display.clock(date)
            svg.append("<text x=\"\(f(x(date)))\" y=\"\(f(axisY))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6474\">\(escape(label))</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// Text from people is data in HTML too: nothing they typed becomes markup.
    private func escape(_ text: String) -> String {
        var out = ""
        for character in TerminalSafeText.sanitize(text, lines: .keep) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
