import Foundation
import GRDB
import IncidentModel

/// The SQL of `incident_summary` on SQLite: starting a new incident's digest, catching one up after an append,
/// finding the ones that lag behind their log, saving caught-up ones, and reading a page of them by index.
enum SQLiteDigestTable {
    /// Folds into one incident's digest the events it lacks, inside the caller's transaction: after an append,
    /// that is the new event, plus any that an earlier writer left unfolded. A digest that is current, missing
    /// (thrown away for a rebuild) or cannot be read or followed is left as it is, for the next reader to fold
    /// or report.
    static func catchUp(_ db: Database, incident: IncidentID) throws {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT through_seq, head_seq, digest FROM incident_summary WHERE incident = ?"),
            arguments: [incident.number]) else { return }
        let through: Int = row[0]
        guard through > 0, through < row[1] as Int, let json = row[2] as String?,
              var digest = try? DigestCoding.decode(json, incident: incident.number) else { return }
        do {
            for event in try SQLiteIncidentStore.events(of: incident, after: through, db) { try digest.apply(event) }
        } catch is FoldError {
            return
        }
        try save(db, DigestRow(digest), replacing: through)
    }

    /// The digest of a new incident's first events (their payloads as the log keeps them), written with them.
    static func start(_ db: Database, incident: IncidentID, at milliseconds: Int64, author: String, json: [String]) throws {
        let events = try zip(1..., json).map { sequence, json in
            Event(incident: incident, sequence: sequence, recordedAt: Timestamp.date(milliseconds: milliseconds),
                  author: author, payload: try EventCoding.decodePayload(json))
        }
        try save(db, DigestRow(IncidentDigest(events: events)), replacing: 0)
    }

    /// Saves `row` unless the stored digest has moved on from `replacing` (another process caught it up first).
    static func save(_ db: Database, _ row: DigestRow, replacing: Int) throws {
        try db.cachedStatement(sql: """
            UPDATE incident_summary
            SET through_seq = ?, is_open = ?, customer = ?, last_event_at = ?, next_follow_up_at = ?, digest = ?
            WHERE incident = ? AND through_seq = ? AND head_seq >= ?
            """).execute(arguments: [row.throughSequence, row.isOpen, row.customer, row.lastEventMilliseconds,
                                     row.nextFollowUpMilliseconds, row.json, row.incident, replacing, row.throughSequence])
    }

    /// Every digest that lags its log.
    static func stale(_ db: Database) throws -> [StaleDigest] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT incident, through_seq, digest FROM incident_summary WHERE through_seq < head_seq ORDER BY incident
            """)).map { StaleDigest(incident: IncidentID($0[0]), throughSequence: $0[1], json: $0[2]) }
    }

    /// Marks every digest for rebuilding from the log.
    static func discardAll(_ db: Database) throws -> Int {
        try db.execute(sql: "UPDATE incident_summary SET through_seq = 0, digest = NULL")
        return db.changesCount
    }

    /// One page of the digests `query` asks for, newest first, and how many match in all.
    static func page(_ db: Database, _ query: DigestQuery) throws -> DigestPage {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if query.openOnly { conditions.append("is_open = 1") }
        if let customer = query.customer {
            conditions.append("customer = ? COLLATE NOCASE")
            arguments += [customer]
        }
        if let since = query.activeSince {
            conditions.append("last_event_at >= ?")
            arguments += [Timestamp.milliseconds(since)]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident_summary \(filter)", arguments: arguments) ?? 0
        var pageArguments = arguments
        pageArguments += [query.limit ?? -1, query.offset]
        let rows = try Row.fetchAll(db, sql: """
            SELECT incident, digest FROM incident_summary \(filter) ORDER BY incident DESC LIMIT ? OFFSET ?
            """, arguments: pageArguments)
        return DigestPage(digests: try rows.compactMap(decode), total: total)
    }

    /// The digests with a follow-up due by `now`, open or closed: the call back happens after closing.
    static func withFollowUpsDue(_ db: Database, now: Date) throws -> [IncidentDigest] {
        try Row.fetchAll(db, sql: """
            SELECT incident, digest FROM incident_summary WHERE next_follow_up_at <= ? ORDER BY incident
            """, arguments: [Timestamp.milliseconds(now)]).compactMap(decode)
    }

    private static func decode(_ row: Row) throws -> IncidentDigest? {
        guard let json = row[1] as String? else { return nil }
        return try DigestCoding.decode(json, incident: row[0])
    }
}
