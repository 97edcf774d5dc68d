import IncidentModel
import IncidentStore

/// An incident's log read once, exactly as stored: its events, and its hash chain recomputed, for the reports
/// that print the chain's head (`show`, `debrief`).
enum LogCheck {
    static func read(_ incident: IncidentID, in store: any IncidentStore) async throws -> (events: [Event], integrity: LogIntegrity) {
        let links = try await store.chain(of: incident, after: 0)
        guard !links.isEmpty else { throw StoreError.unknownIncident(incident) }
        let events = try links.map { try $0.event() }
        let report = ChainVerifier.verify(links, incident: incident)
        if let problem = report.firstBreak {
            Output.warning("\(incident)'s log was rewritten: its hash chain is broken at event \(problem.sequence) (crisis verify)")
            return (events, .broken(sequence: problem.sequence, problem: problem.problem))
        }
        return (events, report.head.map(LogIntegrity.intact) ?? .unchecked)
    }
}
