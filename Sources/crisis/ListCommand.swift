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
        } catch StoreError.missing {
            // No database yet means no incidents yet; listing must not create one.
            if json { Output.json(Data(#"{"followUpsDue":[],"incidents":[]}"#.utf8)) } else { Output.line("no incidents") }
            return
        }
        let summaries = try await context.store.incidents()
        let rows = summaries.filter { all || $0.isOpen }
        let now = context.clock.now
        let followUps = try await dueFollowUps(summaries, context: context, now: now)
        if json {
            let listed = ListedIncidents(incidents: rows.map(ListedIncident.init), followUpsDue: followUps.map { DueFollowUp(incident: $0.0, followUp: $0.1) })
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
             "open " + Countdown.span(now.timeIntervalSince(row.openedAt)),
             TerminalSafeText.sanitize(row.customer ?? "-"), TerminalSafeText.sanitize(row.title)]
        }
        for line in TextTable.render(header: ["ID", "SEV", "STATUS", "AGE", "CUSTOMER", "TITLE"], rows: table) {
            print(line)
        }
    }

    /// Follow-ups whose time has come, closed incidents included: the call back happens after closing.
    private func dueFollowUps(_ summaries: [IncidentSummary], context: CommandContext,
                              now: Date) async throws -> [(IncidentID, FollowUp)] {
        var due: [(IncidentID, FollowUp)] = []
        for summary in summaries {
            let incident = try await context.store.incident(summary.id)
            due += incident.followUps.filter { $0.isDue(now: now) }.map { (summary.id, $0) }
        }
        return due
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
    let events: Int

    init(_ summary: IncidentSummary) {
        id = summary.id
        title = summary.title
        severity = summary.severity.rawValue
        customer = summary.customer
        status = summary.status
        openedAt = summary.openedAt
        events = summary.eventCount
    }
}
