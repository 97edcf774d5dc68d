import Foundation
import IncidentModel

/// One column of the board: its heading, how wide it is, and the text and style of a row's cell. The board
/// keeps the columns that fit, in priority order, and gives the title what is left.
struct BoardColumn {
    let heading: String
    let width: Int
    /// The cell for one incident (its 0-based row number beside it).
    let cell: (IncidentDigest, Int) -> (text: String, style: Style)

    /// Columns in the order shown, each with its priority (lower stays longer on a narrow screen).
    static func all(now: Date) -> [(priority: Int, column: BoardColumn)] {
        [
            (0, BoardColumn(heading: "#", width: 2) { _, row in (row < 9 ? "\(row + 1)" : "", Style(.muted)) }),
            (0, BoardColumn(heading: "ID", width: 7) { digest, _ in (digest.id.description, Style(.text, bold: true)) }),
            (0, BoardColumn(heading: "SEV", width: 4) { digest, _ in
                (digest.severity.description, digest.severity <= .sev2 ? Style(.alarm, bold: true) : Style(.text))
            }),
            (0, BoardColumn(heading: "NEXT UPDATE", width: 16) { digest, _ in nextUpdate(digest, now: now) }),
            (1, BoardColumn(heading: "OWNER", width: 12) { digest, _ in owner(digest) }),
            (1, BoardColumn(heading: "CUSTOMER", width: 12) { digest, _ in
                (TerminalSafeText.sanitize(digest.customer ?? "-"), Style(.business))
            }),
            (0, BoardColumn(heading: "TITLE", width: 0) { digest, _ in (TerminalSafeText.sanitize(digest.title), Style(.text)) }),
            (2, BoardColumn(heading: "STATUS", width: 13) { digest, _ in
                (digest.status.rawValue, digest.status == .resolved ? Style(.muted) : Style(.text))
            }),
            (3, BoardColumn(heading: "DEADLINE", width: 16) { digest, _ in deadline(digest, now: now) }),
            (4, BoardColumn(heading: "ON TIME", width: 7) { digest, _ in onTime(digest, now: now) }),
            (5, BoardColumn(heading: "TECH", width: 6) { digest, _ in
                (Countdown.span(now.timeIntervalSince(digest.lastTechnicalAt)), Style(.technical))
            }),
            (5, BoardColumn(heading: "BIZ", width: 6) { digest, _ in
                (digest.lastBusinessAt.map { Countdown.span(now.timeIntervalSince($0)) } ?? "-", Style(.business))
            }),
            (6, BoardColumn(heading: "COMMS", width: 12) { digest, _ in
                (digest.commsLead.map { TerminalSafeText.sanitize($0) } ?? "-", Style(.muted))
            }),
            (6, BoardColumn(heading: "SENT", width: 11) { digest, _ in delivery(digest) }),
        ]
    }

    /// The countdown as the dashboard colours it: calm, amber in the last five minutes, red and counting up
    /// once late; `resolved` when nothing more is owed.
    static func nextUpdate(_ digest: IncidentDigest, now: Date) -> (String, Style) {
        switch digest.nextUpdate(now: now) {
        case .promised(_, _, let countdown):
            switch countdown.urgency {
            // "in 14:22", not "14:22": beside the board's clock a bare countdown reads as a time of day (found in
            // review).
            case .calm: return (countdown.phrase, Style(.countdown))
            case .warning: return (countdown.phrase, Style(.warning, bold: true))
            case .overdue: return (countdown.display, Style(.alarm, bold: true, reverse: true))
            }
        case .resolved: return ("resolved", Style(.muted))
        case .closed: return ("closed", Style(.muted))
        }
    }

    /// NO OWNER is loud on SEV1 and SEV2 (behavior 11), quiet below.
    static func owner(_ digest: IncidentDigest) -> (String, Style) {
        if let owner = digest.owner { return (TerminalSafeText.sanitize(owner), Style(.text)) }
        return digest.severity <= .sev2 ? ("NO OWNER", Style(.alarm, bold: true, reverse: true)) : ("no owner", Style(.muted))
    }

    static func deadline(_ digest: IncidentDigest, now: Date) -> (String, Style) {
        guard let nearest = digest.nearestDeadline else { return ("-", Style(.muted)) }
        let countdown = Countdown(target: nearest.dueAt, now: now)
        let more = digest.openDeadlines.count > 1 ? " +\(digest.openDeadlines.count - 1)" : ""
        switch countdown.urgency {
        case .overdue: return ("\(nearest.label) +\(Countdown.clock(countdown.overdueSeconds))\(more)", Style(.alarm, bold: true))
        case .warning: return ("\(nearest.label) in \(Countdown.clock(countdown.remainingSeconds))\(more)", Style(.warning, bold: true))
        case .calm: return ("\(nearest.label) in \(Countdown.clock(countdown.remainingSeconds))\(more)", Style(.text))
        }
    }

    static func onTime(_ digest: IncidentDigest, now: Date) -> (String, Style) {
        let onTime = digest.updatesOnTime(now: now)
        guard onTime.settled > 0 else { return ("-", Style(.muted)) }
        return ("\(onTime.kept)/\(onTime.settled)", onTime.kept == onTime.settled ? Style(.muted) : Style(.warning, bold: true))
    }

    /// Where the newest update to the customer stands: `✓3 …1 ✗1`.
    static func delivery(_ digest: IncidentDigest) -> (String, Style) {
        guard let tally = digest.deliveryTally else { return ("-", Style(.muted)) }
        var parts: [String] = []
        if tally.delivered > 0 { parts.append("✓\(tally.delivered)") }
        if tally.pending > 0 { parts.append("…\(tally.pending)") }
        if tally.failed > 0 { parts.append("✗\(tally.failed)") }
        return (parts.joined(separator: " "), tally.failed > 0 ? Style(.alarm, bold: true) : Style(.muted))
    }
}
