import Foundation
import IncidentModel
import Logging
import PostgresNIO

/// The SQL of `crisis_summary` on PostgreSQL: finding digests that lag, saving caught-up ones, and reading a
/// page of them by index.
enum PostgresDigestTable {
    static func stale(_ connection: PostgresConnection, _ logger: Logger) async throws -> [StaleDigest] {
        let rows = try await connection.query("""
            SELECT incident, through_seq, digest FROM crisis_summary WHERE through_seq < head_seq ORDER BY incident
            """, logger: logger)
        var stale: [StaleDigest] = []
        for try await (incident, through, json) in rows.decode((Int64, Int32, String?).self) {
            stale.append(StaleDigest(incident: IncidentID(Int(incident)), throughSequence: Int(through), json: json))
        }
        return stale
    }

    /// Saves `row` unless the stored digest has moved on from `replacing` (another reader caught it up first).
    static func save(_ connection: PostgresConnection, _ logger: Logger, _ row: DigestRow, replacing: Int) async throws {
        let incident = Int64(row.incident), through = Int32(row.throughSequence), old = Int32(replacing)
        try await connection.query("""
            UPDATE crisis_summary
            SET through_seq = \(through), is_open = \(row.isOpen), customer = \(row.customer),
                last_event_ms = \(row.lastEventMilliseconds), next_follow_up_ms = \(row.nextFollowUpMilliseconds),
                digest = \(row.json)
            WHERE incident = \(incident) AND through_seq = \(old) AND head_seq >= \(through)
            """, logger: logger)
    }

    static func discardAll(_ connection: PostgresConnection, _ logger: Logger) async throws -> Int {
        let rows = try await connection.query("""
            WITH discarded AS (UPDATE crisis_summary SET through_seq = 0, digest = NULL RETURNING 1)
            SELECT count(*) FROM discarded
            """, logger: logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    /// One page of the digests `query` asks for, newest first, and how many match in all. One statement with
    /// every filter bound (a NULL filter matches everything), so the server plans it once.
    static func page(_ connection: PostgresConnection, _ logger: Logger, _ query: DigestQuery) async throws -> DigestPage {
        let since = query.activeSince.map(Timestamp.milliseconds)
        let limit = query.limit.map(Int64.init), offset = Int64(query.offset)
        let rows = try await connection.query("""
            SELECT incident, digest, count(*) OVER () FROM crisis_summary
            WHERE (\(query.openOnly) = false OR is_open)
              AND (\(query.customer)::text IS NULL OR lower(customer) = lower(\(query.customer)::text))
              AND (\(since)::int8 IS NULL OR last_event_ms >= \(since)::int8)
            ORDER BY incident DESC LIMIT \(limit) OFFSET \(offset)
            """, logger: logger)
        var digests: [IncidentDigest] = []
        var total = 0
        for try await (incident, json, count) in rows.decode((Int64, String?, Int64).self) {
            total = Int(count)
            if let json { digests.append(try DigestCoding.decode(json, incident: Int(incident))) }
        }
        if digests.isEmpty && query.offset > 0 {
            // Past the last page: the window counted nothing, so count on its own.
            total = try await self.page(connection, logger, DigestQuery(
                openOnly: query.openOnly, activeSince: query.activeSince, customer: query.customer, limit: 1)).total
        }
        return DigestPage(digests: digests, total: total)
    }

    /// The digests with a follow-up due by `now`, open or closed.
    static func withFollowUpsDue(_ connection: PostgresConnection, _ logger: Logger, now: Date) async throws -> [IncidentDigest] {
        let rows = try await connection.query("""
            SELECT incident, digest FROM crisis_summary WHERE next_follow_up_ms <= \(Timestamp.milliseconds(now))
            ORDER BY incident
            """, logger: logger)
        var digests: [IncidentDigest] = []
        for try await (incident, json) in rows.decode((Int64, String?).self) {
            if let json { digests.append(try DigestCoding.decode(json, incident: Int(incident))) }
        }
        return digests
    }
}
