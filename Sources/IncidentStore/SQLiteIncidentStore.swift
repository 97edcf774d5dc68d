import Foundation
import GRDB
import IncidentModel

/// The embedded store: one SQLite file in WAL mode, shared by every process on the host.
///
/// Each append is one IMMEDIATE transaction that takes the next sequence number and commits with a full
/// fsync, so concurrent writers queue on SQLite's lock instead of racing, and "posted" means on disk.
public final class SQLiteIncidentStore: IncidentStore {
    public let path: String
    private let pool: DatabasePool
    private let clock: any IncidentClock
    private static let busySeconds = 10

    /// Opens the database at `path`. With `create`, a missing file is created and migrated; without it,
    /// a missing file is an error and nothing is written.
    public init(path: String, create: Bool, clock: any IncidentClock = SystemClock()) throws {
        self.path = path
        self.clock = clock
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw StoreError.missing(path: path) }
        if exists { try Self.checkIsCrisisDatabase(path) }
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw StoreError.cannotOpen(path: path, reason: "the directory \(directory) does not exist")
        }

        var configuration = Configuration()
        configuration.busyMode = .timeout(TimeInterval(Self.busySeconds))
        configuration.label = "crisis"
        configuration.prepareDatabase { db in
            // WAL's default (NORMAL) may lose the last commits on power loss; an acknowledged post must survive.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try Self.openPool(path: path, configuration: configuration)
            do {
                try SQLiteSchema.migrator.migrate(pool)
            } catch {
                // Two processes opening a new file at once both see v1 missing; the second one's CREATE TABLE
                // then fails because the first one's migration won. That is success.
                guard try pool.read(SQLiteSchema.migrator.hasCompletedMigrations) else { throw error }
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Another process creating the same new file holds its lock while it switches the file to WAL, and SQLite
    /// answers our own switch with SQLITE_BUSY at once, without the busy handler: wait for it here instead.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(TimeInterval(busySeconds))
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(10_000)
            }
        }
    }

    /// Looks before touching: a file of another program must not be turned to WAL mode or migrated.
    private static func checkIsCrisisDatabase(_ path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(TimeInterval(busySeconds))
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                // GRDB's migrator creates its grdb_migrations table before the migration that sets the
                // application id: a file another crisis is creating this instant has only that table.
                let tableCount = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM sqlite_master
                    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
                    """) ?? 0
                if applicationID != SQLiteSchema.applicationID && tableCount > 0 {
                    throw StoreError.notACrisisDatabase(path: path)
                }
                if applicationID == SQLiteSchema.applicationID {
                    let known = Set(SQLiteSchema.migrator.migrations)
                    let applied = try db.tableExists("grdb_migrations")
                        ? try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations") : []
                    if !applied.isSubset(of: known) { throw StoreError.newerSchema(path: path) }
                }
            }
        } catch {
            throw translate(error, path: path)
        }
    }

    public func openIncident(author: String, payloads: [EventPayload]) async throws -> [Event] {
        let now = Timestamp.milliseconds(clock.now)
        let rows = try payloads.map { (kind: $0.kind.rawValue, json: try EventCoding.encode($0)) }
        return try await write { db in
            try db.execute(sql: "INSERT INTO incident (created_at) VALUES (?)", arguments: [now])
            let incident = IncidentID(Int(db.lastInsertedRowID))
            return try zip(1..., zip(rows, payloads)).map { sequence, pair in
                try db.execute(
                    sql: "INSERT INTO event (incident, seq, recorded_at, author, kind, payload) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [incident.number, sequence, now, author, pair.0.kind, pair.0.json])
                return Event(incident: incident, sequence: sequence, recordedAt: Timestamp.date(milliseconds: now),
                             author: author, payload: pair.1)
            }
        }
    }

    public func append(_ draft: EventDraft) async throws -> Event {
        let json = try EventCoding.encode(draft.payload)
        let clock = self.clock
        return try await write { db in
            if let key = draft.idempotencyKey,
               let row = try Row.fetchOne(db, sql: "SELECT * FROM event WHERE idempotency_key = ?", arguments: [key]) {
                return try Self.event(from: row)
            }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM incident WHERE id = ?)",
                                    arguments: [draft.incident.number]) == true else {
                throw StoreError.unknownIncident(draft.incident)
            }
            let sequence = try Int.fetchOne(
                db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM event WHERE incident = ?",
                arguments: [draft.incident.number]) ?? 1
            // Stamped inside the lock, so recorded times never run backwards along the sequence.
            let now = Timestamp.milliseconds(clock.now)
            let previous = try Int64.fetchOne(
                db, sql: "SELECT recorded_at FROM event WHERE incident = ? AND seq = ?",
                arguments: [draft.incident.number, sequence - 1]) ?? now
            let recordedAt = max(now, previous)
            try db.execute(
                sql: """
                    INSERT INTO event (incident, seq, recorded_at, author, kind, payload, idempotency_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [draft.incident.number, sequence, recordedAt, draft.author, draft.payload.kind.rawValue,
                            json, draft.idempotencyKey])
            return Event(incident: draft.incident, sequence: sequence,
                         recordedAt: Timestamp.date(milliseconds: recordedAt), author: draft.author,
                         payload: draft.payload)
        }
    }

    public func events(of incident: IncidentID, after sequence: Int) async throws -> [Event] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM event WHERE incident = ? AND seq > ? ORDER BY seq",
                arguments: [incident.number, sequence]
            ).map(Self.event(from:))
        }
    }

    public func incidents() async throws -> [IncidentSummary] {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.incident, o.recorded_at, o.payload,
                       (SELECT s.payload FROM event s WHERE s.incident = o.incident AND s.kind IN ('status', 'closed')
                        ORDER BY s.seq DESC LIMIT 1) AS status_payload,
                       (SELECT MAX(seq) FROM event c WHERE c.incident = o.incident) AS event_count
                FROM event o WHERE o.seq = 1 ORDER BY o.incident
                """)
            return try rows.map { row in
                let opening = try EventCoding.decodePayload(row["payload"])
                guard case let .opened(title, severity, customer, _) = opening else {
                    throw StoreError.corrupt("the first event of INC-\(row["incident"] as Int) is not its opening")
                }
                var status = IncidentStatus.investigating
                if let statusJSON: String = row["status_payload"] {
                    switch try EventCoding.decodePayload(statusJSON) {
                    case .status(let latest): status = latest
                    case .closed: status = .closed
                    default: break
                    }
                }
                return IncidentSummary(
                    id: IncidentID(row["incident"]), title: title, severity: severity, customer: customer,
                    status: status, openedAt: Timestamp.date(milliseconds: row["recorded_at"]),
                    eventCount: row["event_count"])
            }
        }
    }

    public func changes() -> AsyncStream<Void> {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return FileChangeSignal.stream(directory: directory.isEmpty ? "." : directory,
                                       names: [name, name + "-wal"])
    }

    // MARK: - Rows and errors

    private static func event(from row: Row) throws -> Event {
        do {
            return Event(incident: IncidentID(row["incident"]), sequence: row["seq"],
                         recordedAt: Timestamp.date(milliseconds: row["recorded_at"]), author: row["author"],
                         payload: try EventCoding.decodePayload(row["payload"]))
        } catch {
            throw StoreError.corrupt("event \(row["seq"] as Int) of INC-\(row["incident"] as Int) cannot be read (\(error))")
        }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                // IMMEDIATE takes the write lock up front: concurrent writers wait in the busy handler instead
                // of failing when a deferred read lock cannot be upgraded.
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    static func translate(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_NOTADB: return StoreError.notADatabase(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: return StoreError.readOnly(path: path)
        case .SQLITE_FULL: return StoreError.diskFull(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(path: path, seconds: busySeconds)
        case .SQLITE_CORRUPT: return StoreError.corrupt("\(path): \(error.message ?? "corrupt")")
        case .SQLITE_CANTOPEN:
            // A directory that refuses new files (the database, its -wal and -shm) is read-only for us:
            // say so, since the fix is the directory's permissions (shared use needs group write on it).
            let directory = (path as NSString).deletingLastPathComponent
            if !FileManager.default.isWritableFile(atPath: directory.isEmpty ? "." : directory) {
                return StoreError.readOnly(path: path)
            }
            return StoreError.cannotOpen(path: path, reason: "no permission, or not a file")
        case .SQLITE_IOERR:
            return StoreError.failed("\(path): input/output error (\(error.message ?? "I/O")); is the disk full or gone?")
        default:
            return StoreError.failed("\(path): \(error.message ?? "\(error.resultCode)")")
        }
    }
}
