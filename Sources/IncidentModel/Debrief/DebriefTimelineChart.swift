import Foundation

/// The incident on one picture, as inline SVG: the status over time on top with each change labelled, the
/// technical lane with its deadlines (due, slips, met in time or late, dropped), the business lane with the
/// promises made to the customer (green when kept, red when missed, with a tail as long as the delay),
/// owners and parked topics, an axis on round times, and a legend.
struct DebriefTimelineChart {
    let debrief: Debrief
    let display: TimeDisplay

    // Narrow enough that 11-unit text still reads on A4, wide enough for twelve ticks.
    private let width = 880.0
    private let plotLeft = 104.0
    private let plotRight = 866.0
    private let start: Date
    private let end: Date
    /// The chart may reach past the incident's day (a promise due tomorrow): then its times carry the day.
    private let spansDays: Bool

    init(debrief: Debrief, display: TimeDisplay) {
        self.debrief = debrief
        self.display = display
        let opened = debrief.incident.openedAt
        // What happened, and what still stands (a pending promise, an open deadline), set the axis. A time that
        // was only promised and then settled otherwise may reach a quarter of the story further; one further
        // still (a deadline set for tomorrow and dropped a minute later) runs off the edge instead of squeezing a
        // 16-minute incident into 2 % of the chart (found in review).
        let happened = ([debrief.endedAt, debrief.timeline.last?.at ?? opened]
            + debrief.promises.compactMap(\.deliveredAt) + debrief.incident.deadlines.compactMap(\.closedAt)).max() ?? opened
        let reach = happened.addingTimeInterval(max(happened.timeIntervalSince(opened), 60) * 0.25)
        let standing = debrief.promises.filter { $0.outcome == .pending }.map(\.dueAt)
            + debrief.incident.deadlines.filter(\.isOpen).map(\.dueAt)
        let promised = standing + (debrief.promises.map(\.dueAt) + debrief.incident.deadlines.map(\.dueAt)).filter { $0 <= reach }
        let last = ([happened] + promised).max() ?? opened
        // A little room on both sides, so a mark at the very start or end is drawn whole.
        let margin = max(last.timeIntervalSince(opened), 60) * 0.015
        start = opened.addingTimeInterval(-margin)
        end = last.addingTimeInterval(margin)
        spansDays = debrief.spansDays || !display.isSameDay(opened, last)
    }

    /// Where `date` is drawn, kept on the chart: a time past its end is drawn at the edge.
    private func x(_ date: Date) -> Double {
        let kept = min(max(date, start), end)
        return plotLeft + (plotRight - plotLeft) * kept.timeIntervalSince(start) / end.timeIntervalSince(start)
    }

    private func time(_ date: Date) -> String {
        spansDays ? display.dayAndClock(date) : display.clock(date)
    }

    func render() -> String {
        var svg = SVGCanvas()
        var y = 4.0
        let status = drawStatus(&svg, top: y)
        y = status.bottom
        let plotTop = y - 18
        let technical = y + 6
        y = drawTechnical(&svg, top: technical)
        y = drawDeadlines(&svg, top: y)
        y = drawBusiness(&svg, top: y)
        y = drawPromises(&svg, top: y)
        y = drawIncidentMarks(&svg, top: y)
        y = drawAxis(&svg, plotTop: plotTop, plotBottom: y + 4, statusLines: status.lines)
        y = drawLegend(&svg, top: y + 8)
        return svg.document(width: width, height: y + 6)
    }

    // MARK: Status

    private static let statusColors: [IncidentStatus: String] = [
        .investigating: "#e8a317", .identified: "#ef8a2c", .monitoring: "#7a8fc4",
        .mitigated: "#3b82c4", .resolved: "#2e9d4f", .closed: "#7b8494",
    ]

    /// Labels stacked in rows above a band coloured by status; a dashed line runs down from each change.
    private func drawStatus(_ svg: inout SVGCanvas, top: Double) -> (bottom: Double, lines: [(x: Double, color: String)]) {
        let incident = debrief.incident
        var changes: [(at: Date, status: IncidentStatus)] = [(incident.openedAt, .investigating)]
        changes += incident.statusHistory.map { ($0.at, $0.status) }
        var rows = StackedRows(gap: 6)
        // A label reads rightwards from its change, or leftwards when it would run off the chart.
        let placed = changes.map { change -> (row: Int, text: String, leftwards: Bool) in
            let text = "\(change.status) \(time(change.at))"
            let x0 = x(change.at), textWidth = SVGCanvas.textWidth(text, size: 11) + 4
            let leftwards = x0 + textWidth > width - 4
            let row = leftwards ? rows.place(x0 - textWidth, x0) : rows.place(x0, x0 + textWidth)
            return (row, text, leftwards)
        }
        let labelRows = Double(rows.count)
        let bandTop = top + labelRows * 14 + 4
        for (index, change) in changes.enumerated() {
            let x0 = x(change.at)
            let x1 = index + 1 < changes.count ? x(changes[index + 1].at) : plotRight
            let color = Self.statusColors[change.status] ?? "#7b8494"
            svg.rect(x: x0, y: bandTop, width: max(1, x1 - x0), height: 12, fill: color, class: "status \(change.status)",
                     title: "\(change.status) from \(time(change.at))")
            let label = placed[index]
            let labelY = top + 11 + Double(label.row) * 14
            svg.line(x0, labelY - 9, x0, bandTop, stroke: color, width: 1.5)
            svg.text(label.text, x: label.leftwards ? x0 - 3 : x0 + 3, y: labelY, size: 11, fill: "#263042",
                     anchor: label.leftwards ? "end" : nil, weight: "600", class: "status-label")
        }
        svg.text("status", x: 10, y: bandTop + 10, size: 12, fill: "#5b6576")
        return (bandTop + 12, changes.dropFirst().map { (x($0.at), Self.statusColors[$0.status] ?? "#7b8494") })
    }

    // MARK: Lanes

    private func lane(_ svg: inout SVGCanvas, _ name: String, top: Double, height: Double, shaded: Bool) {
        if shaded {
            svg.behind { $0.rect(x: plotLeft, y: top, width: plotRight - plotLeft, height: height, fill: "#f4f6f9") }
        }
        svg.text(name, x: 10, y: top + height / 2 + 4, size: 12, fill: "#5b6576")
    }

    private func drawTechnical(_ svg: inout SVGCanvas, top: Double) -> Double {
        let height = 30.0, mid = top + height / 2
        lane(&svg, "technical", top: top, height: height, shaded: true)
        svg.behind { $0.line(plotLeft, mid, plotRight, mid, stroke: "#d5dae3", width: 1) }
        let incident = debrief.incident
        for entry in debrief.timeline where entry.channel == .technical {
            let cx = x(entry.at)
            let tip = "\(time(entry.at)) \(entry.author): \(entry.text)"
            switch entry.kind {
            case .deadlineSet, .deadlineMet, .deadlineDropped, .deadlineSlipped:
                continue // drawn on the deadline's own bar
            case .question:
                svg.circle(cx: cx, cy: mid, r: 4.5, fill: "#ffffff", stroke: "#7c3aed", class: "question", title: tip)
            case .workaround:
                let label = incident.workarounds.first { $0.entry.sequence == entry.sequence }?.label ?? "W"
                svg.rect(x: cx - 4, y: mid - 4, width: 8, height: 8, fill: "#0e9384", class: "workaround", title: tip)
                svg.text(label, x: cx, y: mid - 7, size: 10, fill: "#0e7468", anchor: "middle", weight: "600")
            default:
                svg.circle(cx: cx, cy: mid, r: 3.2, fill: "#4b5563", class: "technical", title: tip)
            }
        }
        return top + height
    }

    private func drawDeadlines(_ svg: inout SVGCanvas, top: Double) -> Double {
        let deadlines = debrief.incident.deadlines
        guard !deadlines.isEmpty else { return top }
        let rowHeight = 20.0
        var rows = StackedRows(gap: 8)
        let placed = deadlines.map { dl -> (Deadline, Int, String) in
            let caption = deadlineCaption(dl)
            let x1 = x(max(dl.dueAt, dl.closedAt ?? dl.dueAt))
            return (dl, rows.place(x(dl.setAt) - 14, x1 + 8 + SVGCanvas.textWidth(caption, size: 10)), caption)
        }
        let height = Double(rows.count) * rowHeight + 6
        lane(&svg, "deadlines", top: top, height: height, shaded: false)
        for (dl, row, caption) in placed {
            let mid = top + 3 + Double(row) * rowHeight + rowHeight / 2
            let x0 = x(dl.setAt), xDue = x(dl.dueAt)
            let color: String
            switch dl.outcome {
            case .met?: color = dl.lateBy == nil ? "#2e9d4f" : "#e07b00"
            case .dropped?: color = "#7b8494"
            case nil: color = dl.dueAt < debrief.endedAt ? "#d64545" : "#2f5fd0"
            }
            let state = dl.lateBy != nil ? "late" : dl.outcome?.rawValue ?? "open"
            svg.text(dl.label, x: x0 - 3, y: mid + 3.5, size: 10, fill: "#263042", anchor: "end", weight: "600")
            svg.rect(x: x0, y: mid - 3, width: max(2, xDue - x0), height: 6, fill: color, opacity: 0.85,
                     class: "deadline \(state)", title: "\(dl.label) \(dl.text): \(caption)")
            // Each slip leaves a tick where the deadline stood before it moved.
            for slip in dl.slips {
                let xs = x(slip.from)
                svg.line(xs, mid - 7, xs, mid + 7, stroke: "#263042", width: 1.5, dash: "2 1.5", class: "slip")
            }
            let xEnd: Double
            if let closedAt = dl.closedAt {
                let xc = x(closedAt)
                if dl.lateBy != nil {
                    svg.rect(x: xDue, y: mid - 1.5, width: max(1, xc - xDue), height: 3, fill: "#e07b00", class: "lateness")
                } else if xc > xDue {
                    svg.line(xDue, mid, xc, mid, stroke: color, width: 1, dash: "2 2")
                }
                if dl.outcome == .met {
                    svg.circle(cx: xc, cy: mid, r: 4.5, fill: color, stroke: "#ffffff", class: "met")
                } else {
                    svg.cross(cx: xc, cy: mid, size: 4, stroke: color)
                }
                xEnd = max(xc, xDue)
            } else {
                svg.line(xDue, mid - 6, xDue, mid + 6, stroke: color, width: 2)
                xEnd = xDue
            }
            svg.text(caption, x: xEnd + 7, y: mid + 3.5, size: 10, fill: dl.lateBy != nil ? "#b45309" : "#5b6576")
        }
        return top + height
    }

    /// `met 14:20, 5 min late` beside the bar.
    private func deadlineCaption(_ dl: Deadline) -> String {
        let slips = dl.slips.isEmpty ? "" : " · slipped \(dl.slips.count)×"
        switch (dl.outcome, dl.closedAt) {
        case let (.met?, closedAt?):
            return "met \(time(closedAt))" + (dl.lateBy.map { ", \(ReadableDuration.format($0)) late" } ?? "") + slips
        case let (.dropped?, closedAt?):
            return "dropped \(time(closedAt))" + slips
        default:
            return "open, due \(time(dl.dueAt))" + slips
        }
    }

    private func drawBusiness(_ svg: inout SVGCanvas, top: Double) -> Double {
        let height = 30.0, mid = top + height / 2
        lane(&svg, "business", top: top, height: height, shaded: true)
        svg.behind { $0.line(plotLeft, mid, plotRight, mid, stroke: "#d5dae3", width: 1) }
        for entry in debrief.timeline where entry.channel == .business {
            let cx = x(entry.at)
            let tip = "\(time(entry.at)) \(entry.author): \(entry.text)"
            switch entry.kind {
            case .briefing:
                svg.path("M \(SVGCanvas.number(cx)) \(SVGCanvas.number(mid - 8)) l 6 8 l -6 8 l -6 -8 z",
                         fill: "#2f5fd0", class: "briefing", title: tip)
            case .confirmed:
                svg.circle(cx: cx, cy: mid, r: 5, fill: "#2e9d4f", stroke: "#ffffff", class: "confirmed", title: tip)
            default:
                svg.circle(cx: cx, cy: mid, r: 3.2, fill: "#6b7fb8", class: "business", title: tip)
            }
        }
        return top + height
    }

    /// One bar per promise from when it was made to when it fell due, stacked where they overlap; a missed
    /// one trails a red tail to when the update finally came (or to now).
    private func drawPromises(_ svg: inout SVGCanvas, top: Double) -> Double {
        let rowHeight = 13.0
        var rows = StackedRows(gap: 3)
        let horizon = debrief.endedAt
        let placed = debrief.promises.map { p -> (UpdatePromise, Int) in
            let until = max(p.dueAt, p.deliveredAt ?? (p.outcome == .overdue ? horizon : p.dueAt))
            return (p, rows.place(x(p.promisedAt), x(until)))
        }
        let height = Double(rows.count) * rowHeight + 8
        lane(&svg, "promises", top: top, height: height, shaded: false)
        for (p, row) in placed {
            let barY = top + 4 + Double(row) * rowHeight
            let x0 = x(p.promisedAt), xDue = x(p.dueAt)
            let color: String
            switch p.outcome {
            case .kept: color = "#2e9d4f"
            case .missed, .overdue: color = "#d64545"
            case .pending: color = "#9aa3b2"
            }
            let came = p.deliveredAt.map { ", came \(time($0))" } ?? ""
            svg.rect(x: x0, y: barY, width: max(2, xDue - x0), height: 9, fill: color, rx: 2,
                     class: "promise \(p.outcome.rawValue)",
                     title: "update promised \(time(p.promisedAt)), due \(time(p.dueAt))\(came): \(p.outcome.rawValue)")
            if p.lateness > 0 {
                let xLate = x(p.deliveredAt ?? horizon)
                svg.rect(x: xDue, y: barY + 2.5, width: max(1, xLate - xDue), height: 4, fill: "#d64545", opacity: 0.55,
                         class: "lateness", title: "\(ReadableDuration.format(p.lateness)) late")
            }
        }
        return top + height
    }

    /// Owners taking over and topics parked for the debrief.
    private func drawIncidentMarks(_ svg: inout SVGCanvas, top: Double) -> Double {
        let incident = debrief.incident
        guard !incident.owners.isEmpty || !incident.parkingLot.isEmpty else { return top }
        let height = 30.0, mid = top + height / 2
        lane(&svg, "owner · parked", top: top, height: height, shaded: true)
        let marks = (incident.owners.map { x($0.at) } + incident.parkingLot.map { x($0.at) }).sorted()
        for owner in incident.owners {
            let cx = x(owner.at)
            svg.circle(cx: cx, cy: mid - 2, r: 3, fill: "#263042", class: "owner",
                       title: "\(time(owner.at)) owner \(owner.name), \(owner.phone)")
            svg.path("M \(SVGCanvas.number(cx - 5)) \(SVGCanvas.number(mid + 7)) q 5 -9 10 0 z", fill: "#263042")
            // The name as far as the next mark lets it run.
            let room = (marks.first { $0 > cx + 1 } ?? width) - cx - 12
            let fits = Int(room / (10 * SVGCanvas.widthPerCharacter))
            if fits >= 4 {
                svg.text(SVGCanvas.shortened(owner.name, to: min(fits, 24)), x: cx + 7, y: mid + 4, size: 10, fill: "#263042")
            }
        }
        for entry in incident.parkingLot {
            let cx = x(entry.at)
            svg.path("M \(SVGCanvas.number(cx)) \(SVGCanvas.number(mid + 8)) v -16 l 9 4 l -9 4",
                     fill: "#b26bd6", stroke: "#7e3fa3", class: "parked", title: "\(time(entry.at)) parked: \(entry.text)")
        }
        return top + height
    }

    // MARK: Axis and legend

    private func drawAxis(_ svg: inout SVGCanvas, plotTop: Double, plotBottom: Double,
                          statusLines: [(x: Double, color: String)]) -> Double {
        let axis = TimelineAxis(from: start, to: end, timeZone: display.timeZone)
        let dayFormatter = DateFormatter()
        dayFormatter.locale = Locale(identifier: "en_US_POSIX")
        dayFormatter.timeZone = display.timeZone
        dayFormatter.dateFormat = "EEE MMM d"
        var previousDay: String?
        for tick in axis.ticks {
            let tx = x(tick)
            svg.behind { $0.line(tx, plotTop, tx, plotBottom, stroke: "#e3e7ee", width: 1, class: "grid") }
            svg.line(tx, plotBottom, tx, plotBottom + 5, stroke: "#8a93a3", width: 1)
            let day = dayFormatter.string(from: tick)
            if case .days = axis.step {
                svg.text(day, x: tx, y: plotBottom + 17, size: 11, fill: "#3d4657", anchor: "middle", class: "tick")
            } else {
                svg.text(display.clock(tick), x: tx, y: plotBottom + 17, size: 11, fill: "#3d4657", anchor: "middle", class: "tick")
                if spansDays && day != previousDay {
                    svg.text(day, x: tx, y: plotBottom + 30, size: 10, fill: "#5b6576", anchor: "middle")
                }
            }
            previousDay = day
        }
        // Status changes run down through the lanes, over the grid and under the marks.
        svg.behind { layer in
            for line in statusLines {
                layer.line(line.x, plotTop + 12, line.x, plotBottom, stroke: line.color, width: 1.2, dash: "4 3", opacity: 0.9)
            }
        }
        svg.line(plotLeft, plotBottom, plotRight, plotBottom, stroke: "#8a93a3", width: 1)
        return plotBottom + (spansDays ? 34 : 22)
    }

    private func drawLegend(_ svg: inout SVGCanvas, top: Double) -> Double {
        var lx = plotLeft, ly = top + 10
        func item(_ text: String, draw: (inout SVGCanvas, Double, Double) -> Void) {
            let itemWidth = 20 + SVGCanvas.textWidth(text, size: 11) + 18
            if lx + itemWidth > width - 8 { lx = plotLeft; ly += 18 }
            draw(&svg, lx + 6, ly - 4)
            svg.text(text, x: lx + 16, y: ly, size: 11, fill: "#3d4657")
            lx += itemWidth
        }
        item("briefing") { s, cx, cy in s.path("M \(SVGCanvas.number(cx)) \(SVGCanvas.number(cy - 6)) l 5 6 l -5 6 l -5 -6 z", fill: "#2f5fd0") }
        item("update promised, kept") { s, cx, cy in s.rect(x: cx - 6, y: cy - 4, width: 12, height: 8, fill: "#2e9d4f", rx: 2) }
        item("missed (tail: how late)") { s, cx, cy in
            s.rect(x: cx - 6, y: cy - 4, width: 8, height: 8, fill: "#d64545", rx: 2)
            s.rect(x: cx + 2, y: cy - 2, width: 6, height: 4, fill: "#d64545", opacity: 0.55)
        }
        item("deadline met") { s, cx, cy in s.circle(cx: cx, cy: cy, r: 4.5, fill: "#2e9d4f", stroke: "#ffffff") }
        item("met late") { s, cx, cy in s.circle(cx: cx, cy: cy, r: 4.5, fill: "#e07b00", stroke: "#ffffff") }
        item("dropped") { s, cx, cy in s.cross(cx: cx, cy: cy, size: 4, stroke: "#7b8494") }
        item("slipped from here") { s, cx, cy in s.line(cx, cy - 6, cx, cy + 6, stroke: "#263042", width: 1.5, dash: "2 1.5") }
        item("question") { s, cx, cy in s.circle(cx: cx, cy: cy, r: 4.5, fill: "#ffffff", stroke: "#7c3aed") }
        item("workaround") { s, cx, cy in s.rect(x: cx - 4, y: cy - 4, width: 8, height: 8, fill: "#0e9384") }
        item("technical entry") { s, cx, cy in s.circle(cx: cx, cy: cy, r: 3.2, fill: "#4b5563") }
        item("customer confirmed") { s, cx, cy in s.circle(cx: cx, cy: cy, r: 5, fill: "#2e9d4f", stroke: "#ffffff") }
        item("new owner") { s, cx, cy in s.circle(cx: cx, cy: cy, r: 3.5, fill: "#263042") }
        item("parked for the debrief") { s, cx, cy in
            s.path("M \(SVGCanvas.number(cx - 3)) \(SVGCanvas.number(cy + 7)) v -14 l 8 3.5 l -8 3.5", fill: "#b26bd6", stroke: "#7e3fa3")
        }
        item("status change") { s, cx, cy in s.line(cx, cy - 7, cx, cy + 7, stroke: "#3b82c4", width: 1.2, dash: "4 3") }
        return ly + 6
    }
}
