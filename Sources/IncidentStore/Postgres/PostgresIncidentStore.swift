import Foundation
import IncidentModel
import Logging
import NIOSSL
import PostgresNIO

/// The store for a team on several machines: a PostgreSQL server, reached through PostgresNIO.
///
/// Each append is one call of the server function `crisis_append`, which locks the incident's row, takes the
/// next sequence number, stamps the server's time and the writer's role, and notifies listeners, all in one
/// transaction: clients on many hosts can neither leave a gap nor reorder the log with a skewed clock.
public final class PostgresIncidentStore: IncidentStore {
    public let address: PostgresAddress
    private let session: PostgresSession

    /// Connects, creates or migrates the schema, and returns a ready store. `environment` locates the state
    /// home, where the server's connection figures are kept for the message when it is full.
    public static func connect(_ address: PostgresAddress,
                               environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> PostgresIncidentStore {
        let store = try PostgresIncidentStore(address: address, environment: environment)
        do {
            // Connecting checks (and if need be migrates) the schema, as every later reconnection does.
            try await store.session.run { _, _ in }
        } catch {
            // PostgresNIO insists on an explicit close, and a store that cannot start is let go here.
            await store.close()
            throw error
        }
        return store
    }

    private init(address: PostgresAddress, environment: [String: String]) throws {
        self.address = address
        session = try PostgresSession(address: address, environment: environment) { connection, logger in
            try await Self.migrate(connection, logger: logger)
        }
    }

    public func openIncident(author: String, payloads: [EventPayload]) async throws -> [Event] {
        let kinds = payloads.map(\.kind.rawValue)
        let json = try payloads.map(EventCoding.encode)
        return try await session.run { connection, logger in
            let rows = try await connection.query(
                "SELECT incident, seq, recorded_ms, identity, hash FROM crisis_open(\(author), \(kinds), \(json))",
                logger: logger)
            var events: [Event] = []
            for try await (incident, sequence, milliseconds, identity, hash)
                in rows.decode((Int64, Int32, Int64, String, String).self) {
                events.append(Event(incident: IncidentID(Int(incident)), sequence: Int(sequence),
                                    recordedAt: Timestamp.date(milliseconds: milliseconds), author: author,
                                    payload: payloads[Int(sequence) - 1], identity: identity.nonEmpty, hash: hash))
            }
            return events
        }
    }

    public func append(_ draft: EventDraft) async throws -> Event {
        let json = try EventCoding.encode(draft.payload)
        let incident = Int64(draft.incident.number)
        return try await session.run { connection, logger in
            let rows = try await connection.query("""
                SELECT seq, recorded_ms, author, payload, identity, hash
                FROM crisis_append(\(incident), \(draft.author), \(draft.payload.kind.rawValue), \(json), \(draft.idempotencyKey))
                """, logger: logger)
            for try await (sequence, milliseconds, author, payload, identity, hash)
                in rows.decode((Int32, Int64, String, String, String, String).self) {
                return Event(incident: draft.incident, sequence: Int(sequence),
                             recordedAt: Timestamp.date(milliseconds: milliseconds), author: author,
                             payload: try EventCoding.decodePayload(payload), identity: identity.nonEmpty, hash: hash)
            }
            throw StoreError.failed("the server recorded \(draft.incident)'s event but returned nothing")
        }
    }

    public func events(of incident: IncidentID, after sequence: Int) async throws -> [Event] {
        let id = Int64(incident.number), after = Int32(clamping: sequence)
        return try await session.run { connection, logger in
            let rows = try await connection.query("""
                SELECT seq, (extract(epoch FROM recorded_at) * 1000)::int8, author, payload, role::text, hash
                FROM crisis_event WHERE incident = \(id) AND seq > \(after) ORDER BY seq
                """, logger: logger)
            var events: [Event] = []
            for try await (seq, milliseconds, author, payload, identity, hash)
                in rows.decode((Int32, Int64, String, String, String, String).self) {
                do {
                    events.append(Event(incident: incident, sequence: Int(seq),
                                        recordedAt: Timestamp.date(milliseconds: milliseconds), author: author,
                                        payload: try EventCoding.decodePayload(payload), identity: identity.nonEmpty, hash: hash))
                } catch {
                    throw StoreError.corrupt("event \(seq) of \(incident) cannot be read (\(error))")
                }
            }
            return events
        }
    }

    public func chain(of incident: IncidentID, after sequence: Int, limit: Int) async throws -> [ChainLink] {
        let id = Int64(incident.number), after = Int32(clamping: sequence), most = Int64(limit)
        return try await session.run { connection, logger in
            let rows = try await connection.query("""
                SELECT seq, (extract(epoch FROM recorded_at) * 1000)::int8, author, role::text, kind, payload,
                       COALESCE(prev_hash, ''), COALESCE(hash, '')
                FROM crisis_event WHERE incident = \(id) AND seq > \(after) ORDER BY seq LIMIT \(most)
                """, logger: logger)
            var links: [ChainLink] = []
            for try await (seq, milliseconds, author, identity, kind, payload, previous, hash)
                in rows.decode((Int32, Int64, String, String, String, String, String, String).self) {
                links.append(ChainLink(incident: incident, sequence: Int(seq), recordedMilliseconds: milliseconds,
                                       author: author, identity: identity, kind: kind, payload: payload,
                                       previous: previous, hash: hash))
            }
            return links
        }
    }

    public func incidentNumbers() async throws -> [IncidentID] {
        try await session.run { connection, logger in
            let rows = try await connection.query(
                "SELECT id FROM crisis_incident UNION SELECT DISTINCT incident FROM crisis_event ORDER BY 1", logger: logger)
            var numbers: [IncidentID] = []
            for try await number in rows.decode(Int64.self) { numbers.append(IncidentID(Int(number))) }
            return numbers
        }
    }

    public func importChains(_ incidents: [[ChainLink]]) async throws {
        _ = try await session.run { connection, logger in
            try await connection.query("BEGIN", logger: logger)
            do {
                for links in incidents where !links.isEmpty {
                    let incident = Int64(links[0].incident.number)
                    let sequences = links.map { Int32($0.sequence) }, times = links.map(\.recordedMilliseconds)
                    let authors = links.map(\.author), identities = links.map(\.identity), kinds = links.map(\.kind)
                    let payloads = links.map(\.payload), hashes = links.map(\.hash)
                    // Read to the end: the server's refusal comes with the result, not before it.
                    let rows = try await connection.query("""
                        SELECT crisis_import(\(incident), \(sequences), \(times), \(authors), \(identities), \(kinds), \(payloads), \(hashes))
                        """, logger: logger)
                    for try await _ in rows {}
                }
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func incidents() async throws -> [IncidentSummary] {
        try await session.run { connection, logger in
            let rows = try await connection.query("""
                SELECT o.incident, (extract(epoch FROM o.recorded_at) * 1000)::int8, o.payload,
                       (SELECT s.payload FROM crisis_event s WHERE s.incident = o.incident
                          AND s.kind IN ('status', 'closed') ORDER BY s.seq DESC LIMIT 1),
                       (SELECT MAX(c.seq) FROM crisis_event c WHERE c.incident = o.incident)
                FROM crisis_event o WHERE o.seq = 1 ORDER BY o.incident
                """, logger: logger)
            var summaries: [IncidentSummary] = []
            for try await (incident, openedMs, opening, statusJSON, count)
                in rows.decode((Int64, Int64, String, String?, Int32).self) {
                guard case let .opened(title, severity, customer, _) = try EventCoding.decodePayload(opening) else {
                    throw StoreError.corrupt("the first event of INC-\(incident) is not its opening")
                }
                var status = IncidentStatus.investigating
                if let statusJSON {
                    switch try EventCoding.decodePayload(statusJSON) {
                    case .status(let latest): status = latest
                    case .closed: status = .closed
                    default: break
                    }
                }
                summaries.append(IncidentSummary(
                    id: IncidentID(Int(incident)), title: title, severity: severity, customer: customer,
                    status: status, openedAt: Timestamp.date(milliseconds: openedMs), eventCount: Int(count)))
            }
            return summaries
        }
    }

    public func digests(_ query: DigestQuery) async throws -> DigestPage {
        try await catchUpDigests()
        return try await session.run { connection, logger in try await PostgresDigestTable.page(connection, logger, query) }
    }

    public func digestsWithFollowUpsDue(now: Date) async throws -> [IncidentDigest] {
        try await catchUpDigests()
        return try await session.run { connection, logger in
            try await PostgresDigestTable.withFollowUpsDue(connection, logger, now: now)
        }
    }

    public func rebuildDigests() async throws -> Int {
        let count = try await session.run { connection, logger in try await PostgresDigestTable.discardAll(connection, logger) }
        try await catchUpDigests()
        return count
    }

    /// Folds into each lagging digest the events it lacks: on PostgreSQL the append marks its digest as lagging
    /// (in the server's trigger) and the next reader catches it up, so an append still costs one round trip.
    private func catchUpDigests() async throws {
        let stale = try await session.run { connection, logger in try await PostgresDigestTable.stale(connection, logger) }
        guard !stale.isEmpty else { return }
        try await DigestCatchUp.run(stale, store: self) { digest, replacing in
            let row = try DigestRow(digest)
            try await self.session.run { connection, logger in
                try await PostgresDigestTable.save(connection, logger, row, replacing: replacing)
            }
        }
    }

    public func close() async {
        await session.close()
    }

    /// Signals from the process's one connection (`PostgresSession.changes()`): a follower costs the server
    /// no connection of its own.
    public func changes() -> AsyncStream<Void> {
        session.changes()
    }

    // MARK: - Schema

    /// Brings the schema to the current version, or finds it there. A schema at the current version is only
    /// read, so a role that may not create or alter anything (after `crisis admin init`) connects as well as
    /// the owner; an older one is upgraded by whoever may, under an advisory lock so two first users cannot
    /// migrate at once.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        if try await schemaVersion(connection, logger: logger) == PostgresSchema.currentVersion { return }
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS crisis_meta (key text PRIMARY KEY, value text NOT NULL)", logger: logger)
            let version = try await schemaVersion(connection, logger: logger) ?? 0
            if version > PostgresSchema.currentVersion { throw StoreError.newerSchema(path: "the database") }
            if version < 1 {
                for statement in PostgresSchema.version1 {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
            if version < 2 {
                for statement in PostgresSchema.version2 {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
            if version < 3 {
                let schema = try await currentSchema(connection, logger: logger)
                for statement in PostgresSchema.version3(schema: schema) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
            try await connection.query(PostgresQuery(unsafeSQL: """
                INSERT INTO crisis_meta VALUES ('schema', '\(PostgresSchema.currentVersion)')
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
                """), logger: logger)
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// The schema version crisis_meta records; nil when there is no crisis schema yet.
    static func schemaVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int? {
        let exists = try await connection.query("SELECT to_regclass('crisis_meta') IS NOT NULL", logger: logger)
        for try await present in exists.decode(Bool.self) where !present { return nil }
        let rows = try await connection.query("SELECT value FROM crisis_meta WHERE key = 'schema'", logger: logger)
        var version: Int?
        for try await value in rows.decode(String.self) { version = Int(value) ?? Int.max }
        return version
    }

    /// Where the tables are, quoted as an identifier for a function's fixed `search_path`.
    static func currentSchema(_ connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows = try await connection.query("SELECT quote_ident(current_schema())", logger: logger)
        for try await schema in rows.decode(String.self) { return schema }
        throw StoreError.failed("the server has no current schema to create the crisis tables in (check search_path)")
    }
}

private extension String {
    /// An identity imported without one (an event from before SQLite recorded OS users) is stored as ''.
    var nonEmpty: String? { isEmpty ? nil : self }
}
