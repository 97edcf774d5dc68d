import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the incident's whole state, as text or JSON.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let context = try await CommandContext(global)
        let id = try await context.incidentID()
        let (events, integrity) = try await LogCheck.read(id, in: context.store)
        let incident = try Incident(events: events)
        let now = context.clock.now
        if json {
            let report = IncidentReport(incident: incident, now: now, integrity: integrity)
            Output.json(try EventCoding.makeEncoder(pretty: true).encode(report))
        } else {
            for line in IncidentSheet(incident: incident, display: context.display, now: now,
                                      identities: IdentityAudit(events: events), integrity: integrity).lines {
                Output.line(line)
            }
        }
    }
}

/// `crisis show --json`: the folded state plus what is derived from it at this moment.
struct IncidentReport: Encodable {
    /// The dashboard header's record of promises.
    struct Record: Encodable {
        let updatesKept: Int
        let updatesSettled: Int
        let deadlineSlips: Int
    }

    let incident: Incident
    let nextUpdate: NextUpdateReport
    let record: Record
    /// The lapses the dashboard flags, as it words them: `NO OWNER`, `Q2 unanswered 42m`.
    let flags: [String]
    let generatedAt: Date
    /// The log's hash chain, recomputed: intact with its head, or where it broke.
    let integrity: LogIntegrity

    init(incident: Incident, now: Date, integrity: LogIntegrity) {
        self.integrity = integrity
        self.incident = incident
        nextUpdate = NextUpdateReport(incident.nextUpdate(now: now))
        let onTime = incident.updatesOnTime(now: now)
        record = Record(updatesKept: onTime.kept, updatesSettled: onTime.settled, deadlineSlips: incident.deadlineSlipCount)
        flags = incident.disciplineFlags(now: now).map(\.text)
        generatedAt = now
    }
}
