import Foundation
import IncidentModel

/// Brings lagging digests up to the log: reads only the events each lacks, folds them in, and saves the
/// result (a save that finds another process's newer digest already there changes nothing). The log stays
/// the truth; the digest is a cache any reader can repair.
enum DigestCatchUp {
    static func run(_ stale: [StaleDigest], store: some IncidentStore,
                    save: (IncidentDigest, _ replacing: Int) async throws -> Void) async throws {
        for lagging in stale {
            var digest = try lagging.json.flatMap { json in
                lagging.throughSequence > 0 ? try DigestCoding.decode(json, incident: lagging.incident.number) : nil
            }
            let events = try await store.events(of: lagging.incident, after: digest == nil ? 0 : lagging.throughSequence)
            do {
                for event in events {
                    if digest == nil { digest = try IncidentDigest(opening: event) } else { try digest!.apply(event) }
                }
            } catch let error as FoldError {
                throw StoreError.corrupt("the log of \(lagging.incident) cannot be summarised: \(error)")
            }
            if let digest { try await save(digest, lagging.throughSequence) }
        }
    }
}
