import IncidentModel
import IncidentStore

/// The incident's hash chain recomputed from the log as stored, for the reports that print its head.
enum LogCheck {
    static func integrity(of incident: IncidentID, in store: any IncidentStore) async throws -> LogIntegrity {
        let report = ChainVerifier.verify(try await store.chain(of: incident, after: 0), incident: incident)
        if let problem = report.firstBreak {
            Output.warning("\(incident)'s log was rewritten: its hash chain is broken at event \(problem.sequence) (crisis verify)")
            return .broken(sequence: problem.sequence, problem: problem.problem)
        }
        return report.head.map(LogIntegrity.intact) ?? .unchecked
    }
}
