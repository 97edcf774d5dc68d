import Foundation
import IncidentModel

/// The two header rows: what the incident is and how long it has been going, the clocks in local time and
/// UTC, and the accountable owner with their phone (or a loud NO OWNER on a SEV1/SEV2).
public struct Header {
    public let context: RenderContext

    public init(_ context: RenderContext) {
        self.context = context
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard area.height >= 1 else { return }
        renderIdentity(into: &grid, row: area.row(0))
        if area.height >= 2 { renderOwner(into: &grid, row: area.row(1)) }
    }

    private func renderIdentity(into grid: inout Grid, row: Rect) {
        let incident = context.incident
        let band = Style(.header)
        grid.fill(row, style: band)
        let clocks = clockText(wide: row.width >= 64)
        let clocksWidth = DisplayWidth.of(clocks)
        let clocksX = row.maxX - clocksWidth - 1
        let leftLimit = clocksX - 1
        var x = grid.put(" \(incident.id) ", at: Point(x: row.x, y: row.y), style: band.emphasized, limit: leftLimit)
        let severityStyle = incident.severity.requiresOwner ? Style(.alarm, bold: true, reverse: true) : band.emphasized
        x = grid.put(" \(incident.severity) ", at: Point(x: x, y: row.y), style: severityStyle, limit: leftLimit)
        x = grid.put(" \(incident.status.rawValue.uppercased()) ", at: Point(x: x, y: row.y), style: band.emphasized,
                     limit: leftLimit)
        var rest = safe(incident.title)
        if let customer = incident.customer { rest += " · " + safe(customer) }
        rest += " · open " + Countdown.span(context.now.timeIntervalSince(incident.openedAt))
        grid.put(" " + TextWrap.truncate(rest, width: max(0, leftLimit - x - 1)), at: Point(x: x, y: row.y),
                 style: band, limit: leftLimit)
        if clocksX > row.x + 20 {
            grid.put(clocks, at: Point(x: clocksX, y: row.y), style: band.emphasized, limit: row.maxX)
        }
    }

    /// `14:05:09 CET │ 13:05:09Z`: the room spans time zones. One clock when local time is UTC.
    private func clockText(wide: Bool) -> String {
        let now = context.now
        let zone = context.state.timeZone
        let local = context.display.clockWithSeconds(now)
        guard wide else { return local }
        if zone.secondsFromGMT(for: now) == 0 { return local + " UTC" }
        let name = zone.abbreviation(for: now) ?? zone.identifier
        return "\(local) \(name) │ \(context.display.utcClockWithSeconds(now))"
    }

    private func renderOwner(into grid: inout Grid, row: Rect) {
        let incident = context.incident
        grid.fill(row)
        var x = row.x
        if let owner = incident.owner {
            x = grid.put(" Owner ", at: Point(x: x, y: row.y), style: Style(.muted), limit: row.maxX)
            x = grid.put(safe(owner.name), at: Point(x: x, y: row.y), style: Style(.text, bold: true), limit: row.maxX)
            x = grid.put("  " + safe(owner.phone), at: Point(x: x, y: row.y), style: Style(.text), limit: row.maxX)
        } else if incident.severity.requiresOwner {
            x = grid.put(" NO OWNER ", at: Point(x: x, y: row.y), style: Style(.alarm, bold: true, reverse: true),
                         limit: row.maxX)
            let hint = " \(incident.severity) needs one accountable owner: /owner NAME --phone PHONE"
            x = grid.put(TextWrap.truncate(hint, width: row.maxX - x), at: Point(x: x, y: row.y),
                         style: Style(.alarm, bold: true), limit: row.maxX)
        } else {
            x = grid.put(" Owner none yet (/owner NAME --phone PHONE)", at: Point(x: x, y: row.y),
                         style: Style(.muted), limit: row.maxX)
        }
        var right = row.maxX
        let who = "as \(safe(context.state.options.author)) "
        if right - DisplayWidth.of(who) > x + 2 {
            right -= DisplayWidth.of(who)
            grid.put(who, at: Point(x: right, y: row.y), style: Style(.muted), limit: row.maxX)
        }
        // Placed right to left, most urgent first: on a narrow screen the least important is what is dropped.
        for (text, style) in badges() {
            let width = DisplayWidth.of(text) + 2
            guard right - width > x + 1 else { break }
            right -= width
            grid.put(text, at: Point(x: right, y: row.y), style: style, limit: right + width - 1)
        }
    }

    /// What the room must notice, most urgent first: the store out of reach, lapses of discipline, and the
    /// record of promises (behavior 4 and seed 002: keep your word).
    private func badges() -> [(String, Style)] {
        let state = context.state
        var badges: [(String, Style)] = []
        if case .offline(let since, _) = state.connection {
            let queued = state.queued > 0 ? " · \(state.queued) queued" : ""
            badges.append((" OFFLINE since \(context.display.clock(since))\(queued) ", Style(.alarm, bold: true, reverse: true)))
        } else if state.queued > 0 {
            badges.append((" \(state.queued) queued ", Style(.warning, bold: true)))
        }
        for flag in context.incident.disciplineFlags(now: context.now) {
            switch flag {
            case .noOwner, .updateOverdue:
                continue // already loud: the owner row and the countdown say it
            case .staleQuestion, .quietChannel:
                badges.append(("⚑ " + flag.text, Style(.warning, bold: true)))
            }
        }
        let onTime = context.incident.updatesOnTime(now: context.now)
        if onTime.settled > 0 {
            let style = onTime.kept == onTime.settled ? Style(.muted) : Style(.warning)
            badges.append(("updates on time \(onTime.kept)/\(onTime.settled)", style))
        }
        let slips = context.incident.deadlineSlipCount
        if slips > 0 {
            badges.append(("slips \(slips)", Style(.warning)))
        }
        return badges
    }
}
