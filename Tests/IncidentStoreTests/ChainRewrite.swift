import CrisisTestSupport
import Foundation
import IncidentModel
import IncidentStore

/// Rewrites behind crisis's back, the way someone with the database's keys could: the log's triggers off,
/// the incident's rows deleted and written again exactly as given, hashes included.
enum ChainRewrite {
    struct Refused: Error { let message: String }

    static func write(_ links: [ChainLink], of incident: IncidentID, into fixture: StoreFixture) throws {
        func text(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }
        let sql: String
        switch fixture.kind {
        case .sqlite:
            let rows = links.map { link in
                "(\(incident.number), \(link.sequence), \(link.recordedMilliseconds), \(text(link.author)), \(text(link.kind)), \(text(link.payload)), \(text(link.identity)), \(text(link.previous)), \(text(link.hash)))"
            }
            sql = """
                DROP TRIGGER IF EXISTS event_no_delete; DROP TRIGGER IF EXISTS event_no_update;
                DROP TRIGGER IF EXISTS event_gapless; DROP TRIGGER IF EXISTS event_chained;
                DELETE FROM event WHERE incident = \(incident.number);
                INSERT INTO event (incident, seq, recorded_at, author, kind, payload, os_user, prev_hash, hash) VALUES
                \(rows.joined(separator: ",\n"));
                """
        case .postgres:
            let rows = links.map { link in
                "(\(incident.number), \(link.sequence), 'epoch'::timestamptz + \(link.recordedMilliseconds) * interval '1 millisecond', \(text(link.author)), \(text(link.identity)), \(text(link.kind)), \(text(link.payload)), \(text(link.previous)), \(text(link.hash)))"
            }
            sql = """
                ALTER TABLE crisis_event DISABLE TRIGGER USER;
                DELETE FROM crisis_event WHERE incident = \(incident.number);
                INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload, prev_hash, hash) VALUES
                \(rows.joined(separator: ",\n"));
                ALTER TABLE crisis_event ENABLE TRIGGER USER;
                """
        }
        if let error = try fixture.rawSQL(sql) { throw Refused(message: error) }
    }

    /// The links numbered 1, 2, 3 … in their order, hashes as they were.
    static func renumbered(_ links: [ChainLink]) -> [ChainLink] {
        links.enumerated().map { index, link in
            ChainLink(incident: link.incident, sequence: index + 1, recordedMilliseconds: link.recordedMilliseconds,
                      author: link.author, identity: link.identity, kind: link.kind, payload: link.payload,
                      previous: link.previous, hash: link.hash)
        }
    }

    /// The links numbered in order and every hash computed again: a rewrite that covers its tracks.
    static func rechained(_ links: [ChainLink]) -> [ChainLink] {
        var previous = ""
        return renumbered(links).map { link in
            let hash = link.expectedHash(after: previous)
            defer { previous = hash }
            return ChainLink(incident: link.incident, sequence: link.sequence, recordedMilliseconds: link.recordedMilliseconds,
                             author: link.author, identity: link.identity, kind: link.kind, payload: link.payload,
                             previous: previous, hash: hash)
        }
    }

    static func changing(_ link: ChainLink, payload: String? = nil, milliseconds: Int64? = nil,
                         author: String? = nil) -> ChainLink {
        ChainLink(incident: link.incident, sequence: link.sequence,
                  recordedMilliseconds: milliseconds ?? link.recordedMilliseconds, author: author ?? link.author,
                  identity: link.identity, kind: link.kind, payload: payload ?? link.payload,
                  previous: link.previous, hash: link.hash)
    }
}
