import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List open incidents (with --all, closed ones too).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Include closed incidents.") var all = false
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let context: CommandContext
        do {
            context = try await CommandContext(global)
        } catch StoreError.missing(let path) {
            // No database yet means no incidents yet; listing must not create one. Where it looked is said, so
            // a mistyped CRISIS_DB is noticed.
            if json {
                Output.json(Data(#"{"followUpsDue":[],"incidents":[]}"#.utf8))
                Output.warning("no crisis database at \(path) yet")
            } else {
                Output.line("no incidents: no crisis database at \(path) yet ('crisis open TITLE --severity N' makes it)")
            }
            return
        }
        let now = context.clock.now
        // Each incident folded once: its next update, its age and its follow-ups all come from the log.
        var incidents: [Incident] = []
        for summary in try await context.store.incidents() {
            incidents.append(try await context.store.incident(summary.id))
        }
        let rows = incidents.filter { all || $0.isOpen }
        // Follow-ups whose time has come, closed incidents included: the call back happens after closing.
        let followUps = incidents.flatMap { incident in
            incident.followUps.filter { $0.isDue(now: now) }.map { (incident.id, $0) }
        }
        if json {
            let listed = ListedIncidents(incidents: rows.map { ListedIncident($0, now: now) },
                                         followUpsDue: followUps.map { DueFollowUp(incident: $0.0, followUp: $0.1) })
            Output.json(try EventCoding.makeEncoder(pretty: true).encode(listed))
            return
        }
        defer {
            if !followUps.isEmpty {
                print("")
                print("Follow-ups due:")
                for (id, followUp) in followUps {
                    Output.line("  \(id) \(followUp.label)  due \(context.display.absolute(followUp.dueAt, now: now)) (\(Countdown(target: followUp.dueAt, now: now).phrase))  \(TerminalSafeText.sanitize(followUp.text))")
                }
            }
        }
        guard !rows.isEmpty else {
            Output.line(all ? "no incidents" : "no open incidents (crisis list --all shows closed ones)")
            return
        }
        let table = rows.map { row in
            [row.id.description, row.severity.description, row.status.rawValue,
             Self.nextUpdateCell(row.nextUpdate(now: now), display: context.display, now: now),
             row.ageText(now: now), TerminalSafeText.sanitize(row.customer ?? "-"), TerminalSafeText.sanitize(row.title)]
        }
        for line in TextTable.render(header: ["ID", "SEV", "STATUS", "NEXT UPDATE", "AGE", "CUSTOMER", "TITLE"],
                                     rows: table) {
            print(line)
        }
    }

    /// `14:35 in 12:03`, `OVERDUE +04:12`, `resolved · none promised` or `closed`: what the customer is owed,
    /// in a cell.
    static func nextUpdateCell(_ nextUpdate: NextUpdate, display: TimeDisplay, now: Date) -> String {
        switch nextUpdate {
        case let .promised(due, _, countdown):
            if countdown.isOverdue { return countdown.display }
            let time = display.isSameDay(due, now) ? display.clock(due) : display.dayAndClock(due)
            return "\(time) \(countdown.phrase)"
        case .resolved: return "resolved · none promised"
        case .closed: return "closed"
        }
    }
}

/// `crisis list --json`.
struct ListedIncidents: Encodable {
    let incidents: [ListedIncident]
    let followUpsDue: [DueFollowUp]
}

struct DueFollowUp: Encodable {
    let incident: IncidentID
    let followUp: FollowUp
}

/// The JSON shape of one listed incident.
struct ListedIncident: Encodable {
    let id: IncidentID
    let title: String
    let severity: Int
    let customer: String?
    let status: IncidentStatus
    let openedAt: Date
    /// When it was closed, while it is: its age stops there.
    let closedAt: Date?
    let nextUpdate: NextUpdateReport
    let events: Int

    init(_ incident: Incident, now: Date) {
        id = incident.id
        title = incident.title
        severity = incident.severity.rawValue
        customer = incident.customer
        status = incident.status
        openedAt = incident.openedAt
        closedAt = incident.closedAt
        nextUpdate = NextUpdateReport(incident.nextUpdate(now: now))
        events = incident.lastSequence
    }
}
