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
            context = try CommandContext(global)
        } catch StoreError.missing {
            // No database yet means no incidents yet; listing must not create one.
            if json { Output.json(Data("[]".utf8)) } else { Output.line("no incidents") }
            return
        }
        let rows = try await context.store.incidents().filter { all || $0.isOpen }
        if json {
            Output.json(try EventCoding.makeEncoder(pretty: true).encode(rows.map(ListedIncident.init)))
            return
        }
        guard !rows.isEmpty else {
            Output.line(all ? "no incidents" : "no open incidents (crisis list --all shows closed ones)")
            return
        }
        let now = context.clock.now
        let table = rows.map { row in
            [row.id.description, row.severity.description, row.status.rawValue,
             "open " + Countdown.span(now.timeIntervalSince(row.openedAt)),
             TerminalSafeText.sanitize(row.customer ?? "-"), TerminalSafeText.sanitize(row.title)]
        }
        for line in TextTable.render(header: ["ID", "SEV", "STATUS", "AGE", "CUSTOMER", "TITLE"], rows: table) {
            print(line)
        }
    }
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
