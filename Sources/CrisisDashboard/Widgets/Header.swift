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
        rest += " · " + incident.ageText(now: context.now)
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
        let name = context.display.zoneName(at: now)
        return "\(local) \(name) │ \(context.display.utcClockWithSeconds(now))"
    }

    /// The two leads after the owner, name only: the phone numbers are in `crisis show` and the debrief.
    private func renderLeads(into grid: inout Grid, row: Rect, x start: Int, limit: Int) {
        var x = start
        for role in IncidentRole.allCases {
            guard let lead = context.incident.lead(role) else { continue }
            let label = "  \(role.label) "
            // Whole or not at all: a name cut short reads as another name.
            guard x + DisplayWidth.of(label) + DisplayWidth.of(safe(lead.name)) <= limit else { return }
            x = grid.put(label, at: Point(x: x, y: row.y), style: Style(.muted), limit: limit)
            x = grid.put(safe(lead.name), at: Point(x: x, y: row.y), style: Style(.text, bold: true), limit: limit)
        }
    }

    private func renderOwner(into grid: inout Grid, row: Rect) {
        let incident = context.incident
        grid.fill(row)
        // The owner and their phone come first; badges take what is left, hints only what badges leave.
        // The leads take only what the badges leave: a lapse matters more than a name.
        let ownerText = incident.owner.map { " Owner \(safe($0.name))  \(safe($0.phone))" } ?? " NO OWNER "
        var right = row.maxX
        for badge in HeaderBadge.fit(badges(), into: row.width - DisplayWidth.of(ownerText) - 1) {
            let width = DisplayWidth.of(badge.text) + 2
            right -= width
            grid.put(badge.text, at: Point(x: right, y: row.y), style: badge.style, limit: right + width - 1)
        }
        var x = row.x
        let limit = right - 1
        if let owner = incident.owner {
            x = grid.put(" Owner ", at: Point(x: x, y: row.y), style: Style(.muted), limit: limit)
            x = grid.put(safe(owner.name), at: Point(x: x, y: row.y), style: Style(.text, bold: true), limit: limit)
            x = grid.put("  " + safe(owner.phone), at: Point(x: x, y: row.y), style: Style(.text), limit: limit)
            renderLeads(into: &grid, row: row, x: x, limit: limit)
        } else if incident.severity.requiresOwner {
            x = grid.put(" NO OWNER ", at: Point(x: x, y: row.y), style: Style(.alarm, bold: true, reverse: true),
                         limit: limit)
            let hint = " \(incident.severity) needs one accountable owner: /owner NAME --phone PHONE"
            grid.put(TextWrap.truncate(hint, width: limit - x), at: Point(x: x, y: row.y),
                     style: Style(.alarm, bold: true), limit: limit)
        } else {
            grid.put(TextWrap.truncate(" Owner none yet (/owner NAME --phone PHONE)", width: limit - x),
                     at: Point(x: x, y: row.y), style: Style(.muted), limit: limit)
        }
    }

    /// What the room must notice, left to right: lapses of discipline, the record of promises (behavior 4
    /// and seed 002: keep your word), the store out of reach, and who posts from here. On a narrow screen
    /// the least important give way first; the record of promises goes last.
    private func badges() -> [HeaderBadge] {
        let state = context.state
        var badges: [HeaderBadge] = []
        for flag in context.incident.disciplineFlags(now: context.now) {
            switch flag {
            case .noOwner, .updateOverdue:
                continue // already loud: the owner row and the countdown say it
            case .staleQuestion(let number, let openFor):
                badges.append(HeaderBadge("⚑ " + flag.text, short: "⚑ Q\(number) \(Countdown.span(openFor))",
                                          importance: .lapse, style: Style(.warning, bold: true)))
            case .noCommsLead:
                badges.append(HeaderBadge("⚑ NO COMMS LEAD", short: "⚑ NO COMMS", importance: .lapse,
                                          style: Style(.alarm, bold: true)))
            case .quietChannel(let interval):
                badges.append(HeaderBadge("⚑ " + flag.text, short: "⚑ quiet \(Countdown.span(interval))",
                                          importance: .lapse, style: Style(.warning, bold: true)))
            case let .updateNotSent(update, interval):
                badges.append(HeaderBadge("⚑ " + flag.text, short: "⚑ \(update) NOT SENT \(Countdown.span(interval))",
                                          importance: .lapse, style: Style(.warning, bold: true)))
            case .deliveryFailed(let update, _):
                badges.append(HeaderBadge("⚑ " + flag.text, short: "⚑ \(update) UNDELIVERED", importance: .lapse,
                                          style: Style(.alarm, bold: true)))
            }
        }
        let onTime = context.incident.updatesOnTime(now: context.now)
        if onTime.settled > 0 {
            let style = onTime.kept == onTime.settled ? Style(.muted) : Style(.warning, bold: true)
            badges.append(HeaderBadge("updates on time \(onTime.kept)/\(onTime.settled)",
                                      short: "on time \(onTime.kept)/\(onTime.settled)", importance: .record, style: style))
        }
        let slips = context.incident.deadlineSlipCount
        if slips > 0 {
            badges.append(HeaderBadge("slips \(slips)", importance: .record, style: Style(.warning, bold: true)))
        }
        if case .offline(let since, _) = state.connection {
            let queued = state.queued > 0 ? " · \(state.queued) queued" : ""
            let badge = state.connection.isWaitingForConnectionSlot
                ? HeaderBadge(" WAITING FOR A DB CONNECTION: SERVER FULL since \(context.display.clock(since))\(queued) ",
                              short: " SERVER FULL ", importance: .connection, style: Style(.alarm, bold: true, reverse: true))
                : HeaderBadge(" OFFLINE since \(context.display.clock(since))\(queued) ", short: " OFFLINE ",
                              importance: .connection, style: Style(.alarm, bold: true, reverse: true))
            badges.append(badge)
        } else if state.queued > 0 {
            badges.append(HeaderBadge("\(state.queued) queued", importance: .lapse, style: Style(.warning, bold: true)))
        }
        // A read-only wall posts nothing, so who it runs as says nothing to the room.
        if !state.options.readOnly {
            badges.append(HeaderBadge("as \(safe(state.options.author))", short: "", importance: .identity,
                                      style: Style(.muted)))
        }
        return badges
    }
}
