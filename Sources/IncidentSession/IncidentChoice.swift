import Foundation
import IncidentModel
import IncidentStore

/// Which incident a command is about: the one named (`--incident`, else `CRISIS_INCIDENT`), else the only
/// open one, else, once all are closed, the latest: the debrief and the follow-ups still concern it.
public struct IncidentChoice: Sendable, Equatable {
    /// What was named, if anything, as typed.
    public let named: String?

    public init(option: String?, environment: [String: String]) {
        named = option ?? environment["CRISIS_INCIDENT"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The incident named, without asking the store; nil when none was named.
    public func namedID() throws(CommandError) -> IncidentID? {
        guard let named else { return nil }
        guard let id = IncidentID(parsing: named) else {
            throw CommandError("'\(named)' is not an incident id: use INC-<n> or <n>, like INC-3")
        }
        return id
    }

    /// The incident meant, asking the store when none was named. Reads the open incidents' digests (and the
    /// newest one's, when none is open), never every incident: a year of incidents costs a command nothing.
    public func resolve(in store: any IncidentStore) async throws -> IncidentID {
        if let id = try namedID() { return id }
        let open = try await store.digests(.open).digests.reversed()
        switch open.count {
        case 0:
            guard let latest = try await store.digests(DigestQuery(limit: 1)).digests.first else {
                throw CommandError("there are no incidents yet: open one with 'crisis open TITLE --severity N'")
            }
            return latest.id
        case 1:
            return open[open.startIndex].id
        default:
            let names = open.map { "\($0.id) \"\($0.title)\"" }.joined(separator: ", ")
            throw CommandError("\(open.count) incidents are open (\(names)): choose one with --incident or CRISIS_INCIDENT")
        }
    }
}
