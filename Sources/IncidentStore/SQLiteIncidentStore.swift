import Foundation
import GRDB
import Synchronization
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// The embedded store: one SQLite file in WAL mode, shared by every process on the host.
///
/// Each append is one IMMEDIATE transaction that takes the next sequence number and commits with a full
/// fsync, so concurrent writers queue on SQLite's lock instead of racing, and "posted" means on disk.
///
/// Two connections, not a GRDB pool: a pool writes to the file when it opens (to make sure a -wal file
/// exists) and sets `synchronous = NORMAL` on its writer. The first makes every reader wait for, and fail on,
/// another process's lock; the second drops the fsync of each commit.
public final class SQLiteIncidentStore: IncidentStore {
    public let path: String
    /// Appends and migrations, `synchronous = FULL`.
    private let writer: DatabaseQueue
    /// Reads that may wait for SQLite's lock, on GRDB's thread for this connection.
    private let reader: DatabaseQueue
    /// Reads on the calling thread, which give up at once rather than wait (`readStatement`).
    private let impatientReader: DatabaseQueue
    /// The connection of a screen's loop (`appendWithoutWaiting`, `eventsWithoutWaiting`), which gives up at
    /// once on a held lock: opened on first use, as only a dashboard's loop needs it. Its own, so the loop never
    /// queues behind another thread's read on a shared connection.
    private let loopConnection = Mutex<DatabaseQueue?>(nil)
    private let configuration: Configuration
    private let clock: any IncidentClock
    /// How long a command waits for another process's lock before it gives up, in seconds.
    public let busyTimeout: TimeInterval

    /// The busy timeout unless `CRISIS_BUSY_TIMEOUT` says otherwise.
    public static let defaultBusyTimeout: TimeInterval = 10

    /// `CRISIS_BUSY_TIMEOUT`: seconds (0.1 to 3600, fractions allowed) to wait for another process's lock.
    public static func busyTimeout(environment: [String: String]) throws -> TimeInterval {
        guard let raw = environment["CRISIS_BUSY_TIMEOUT"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return defaultBusyTimeout
        }
        guard let seconds = Double(raw), seconds.isFinite, (0.1...3600).contains(seconds) else {
            throw StoreError.badSetting("CRISIS_BUSY_TIMEOUT '\(raw.prefix(40))' is not a number of seconds from 0.1 to 3600, like 10 or 2.5: unset it for the default of 10")
        }
        return seconds
    }

    /// Opens the database at `path`. With `create`, a missing file is created and migrated; without it,
    /// a missing file is an error and nothing is written. `busyTimeout` is how long to wait for another
    /// process's lock.
    public init(path: String, create: Bool, clock: any IncidentClock = SystemClock(),
                busyTimeout: TimeInterval = SQLiteIncidentStore.defaultBusyTimeout) throws {
        self.path = path
        self.clock = clock
        self.busyTimeout = busyTimeout
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw StoreError.missing(path: path) }
        if exists {
            try Self.checkHeader(path)
            try Self.checkIsCrisisDatabase(path, busyTimeout: busyTimeout)
        }
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw StoreError.cannotOpen(path: path, reason: "the directory \(directory) does not exist")
        }

        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "crisis"
        configuration.prepareDatabase { db in
            // WAL's default (NORMAL) may lose the last commits on power loss; an acknowledged post must survive.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        self.configuration = configuration
        Self.createHonouringUmask(path)
        do {
            writer = try DatabaseQueue(path: path, configuration: configuration)
            reader = try DatabaseQueue(path: path, configuration: configuration)
            var impatient = configuration
            impatient.busyMode = .immediateError
            impatientReader = try DatabaseQueue(path: path, configuration: impatient)
            // Migrating takes the write lock even when there is nothing to do: look first, so reading (show,
            // log, a dashboard) never waits for, or fails on, another process's long write.
            if try reader.read(SQLiteSchema.migrator.hasCompletedMigrations) { return }
            try Self.switchToWAL(writer, busyTimeout: busyTimeout)
            do {
                try SQLiteSchema.migrator.migrate(writer)
            } catch {
                // Two processes opening a new file at once both see v1 missing; the second one's CREATE TABLE
                // then fails because the first one's migration won. That is success.
                guard try reader.read(SQLiteSchema.migrator.hasCompletedMigrations) else { throw error }
            }
        } catch {
            throw Self.translate(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// SQLite creates a new database 0644 whatever the umask, and its -wal and -shm take the database's mode:
    /// made here first, empty (which SQLite takes for a new database), the file follows the umask, so the shared
    /// host's `umask 0002` in a setgid directory gives the group all three files to write (found in review: the
    /// group could read but not post). An existing file is left as it is.
    private static func createHonouringUmask(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    /// Another process creating the same new file holds its lock while it switches the file to WAL, and SQLite
    /// answers our own switch with SQLITE_BUSY at once, without the busy handler: wait for it here instead.
    private static func switchToWAL(_ writer: DatabaseQueue, busyTimeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                let mode = try writer.writeWithoutTransaction { db in
                    try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
                guard mode == "wal" else { throw StoreError.failed("cannot switch to WAL mode (journal mode \(mode ?? "unknown"))") }
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(10_000)
            }
        }
    }

    /// A non-empty file that does not start as an SQLite file does is not ours: SQLite would take a file
    /// shorter than one page for an empty database and write over it.
    private static func checkHeader(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 16)) ?? Data()
        if !start.isEmpty && start != Data("SQLite format 3\0".utf8) { throw StoreError.notADatabase(path: path) }
    }

    /// Looks before touching: a file of another program must not be turned to WAL mode or migrated.
    private static func checkIsCrisisDatabase(_ path: String, busyTimeout: TimeInterval) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
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
            throw translate(error, path: path, busyTimeout: busyTimeout)
        }
    }

    public func openIncident(author: String, payloads: [EventPayload]) async throws -> [Event] {
        let now = Timestamp.milliseconds(clock.now)
        let rows = try payloads.map { (kind: $0.kind.rawValue, json: try EventCoding.encode($0)) }
        let identity = OperatingSystemUser.current
        return try await write { db in
            try db.execute(sql: "INSERT INTO incident (created_at) VALUES (?)", arguments: [now])
            let incident = IncidentID(Int(db.lastInsertedRowID))
            var previous = ""
            let events = try zip(1..., zip(rows, payloads)).map { sequence, pair in
                let hash = ChainHash.of(incident: incident, sequence: sequence, recordedMilliseconds: now,
                                        author: author, identity: identity, kind: pair.0.kind, payload: pair.0.json,
                                        previous: previous)
                try db.execute(
                    sql: "INSERT INTO event (incident, seq, recorded_at, author, kind, payload, os_user, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [incident.number, sequence, now, author, pair.0.kind, pair.0.json, identity, previous, hash])
                previous = hash
                return Event(incident: incident, sequence: sequence, recordedAt: Timestamp.date(milliseconds: now),
                             author: author, payload: pair.1, identity: identity, hash: hash)
            }
            try SQLiteDigestTable.start(db, incident: incident, at: now, author: author, json: rows.map(\.json))
            return events
        }
    }

    public func append(_ draft: EventDraft) async throws -> Event {
        let json = try EventCoding.encode(draft.payload)
        let clock = self.clock
        let event = try await write { db in try Self.insert(draft, json: json, clock: clock, db) }
        foldIntoDigest(event.incident)
        return event
    }

    public func appendWithoutWaiting(_ draft: EventDraft) throws -> Event? {
        let connection = try openLoopConnection()
        let json = try EventCoding.encode(draft.payload)
        let clock = self.clock
        let event: Event
        do {
            event = try writeHere(through: connection) { db in try Self.insert(draft, json: json, clock: clock, db) }
        } catch StoreError.busy {
            return nil
        }
        foldIntoDigest(event.incident)
        return event
    }

    /// After an append's commit and its announcement, folds what the incident's digest lacks into it, in a
    /// transaction of its own: decoding and re-encoding the digest's JSON took as long as the rest of the append,
    /// and no follower should wait for it before it sees the entry. Never waits: while another process holds the
    /// lock the digest stays marked as lagging (the trigger did that in the append's own transaction) and the
    /// next writer or reader catches it up. Not fsynced: the digest is a cache, and one lost with the last
    /// moments before a power cut is marked as lagging all the same.
    private func foldIntoDigest(_ incident: IncidentID) {
        guard let connection = try? openLoopConnection() else { return }
        let durable = try? connection.writeWithoutTransaction { db -> Bool in
            try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute()
            // Not announced: followers were told of the event, and a digest that a reader finds lagging meanwhile
            // is folded by that reader too (the save keeps whichever lands first).
            try? Self.commit(db, path: nil) { db in try SQLiteDigestTable.catchUp(db, incident: incident) }
            try db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute()
            return true
        }
        // A connection left without FULL would append without its fsync: it is dropped, and the next append
        // opens another (found in review).
        if durable != true { loopConnection.withLock { $0 = nil } }
    }

    private func openLoopConnection() throws -> DatabaseQueue {
        try loopConnection.withLock { connection in
            if let connection { return connection }
            var impatient = configuration
            impatient.busyMode = .immediateError
            let opened = try DatabaseQueue(path: path, configuration: impatient)
            connection = opened
            return opened
        }
    }

    /// The append itself, inside the write transaction: the idempotency key, the next number, the row.
    private static func insert(_ draft: EventDraft, json: String, clock: any IncidentClock,
                               _ db: Database) throws -> Event {
            // Statements are prepared once per connection: an append is a handful of index lookups, and
            // compiling its SQL each time would cost more than running it.
            if let key = draft.idempotencyKey,
               let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.eventColumns), kind FROM event WHERE idempotency_key = ?"),
                                          arguments: [key]) {
                // A retry gets the entry it recorded; a key taken by another incident's entry, or one of another
                // kind, is an error, never an answer that would pass for this entry.
                guard row[0] as Int == draft.incident.number, row[7] as String == draft.payload.kind.rawValue else {
                    throw StoreError.refused("the key \(key.prefix(80)) is taken by another entry (INC-\(row[0] as Int), \(row[7] as String))")
                }
                return try Self.event(from: row)
            }
            // Every incident has its opening event, so no last event means no such incident.
            guard let last = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT seq, recorded_at, hash FROM event WHERE incident = ? ORDER BY seq DESC LIMIT 1"),
                arguments: [draft.incident.number]) else {
                throw StoreError.unknownIncident(draft.incident)
            }
            let sequence = (last[0] as Int) + 1
            // Stamped inside the lock, so recorded times never run backwards along the sequence.
            let recordedAt = max(Timestamp.milliseconds(clock.now), last[1] as Int64)
            // Linked to whatever the last event records, even a link that is broken: verify names the break
            // where it is, and an append never repairs or hides it.
            let previous: String = last[2] ?? ""
            let identity = OperatingSystemUser.current
            let kind = draft.payload.kind.rawValue
            let hash = ChainHash.of(incident: draft.incident, sequence: sequence, recordedMilliseconds: recordedAt,
                                    author: draft.author, identity: identity, kind: kind, payload: json,
                                    previous: previous)
            try db.cachedStatement(sql: """
                INSERT INTO event (incident, seq, recorded_at, author, kind, payload, idempotency_key, os_user, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [draft.incident.number, sequence, recordedAt, draft.author,
                                         kind, json, draft.idempotencyKey, identity, previous, hash])
            let event = Event(incident: draft.incident, sequence: sequence,
                              recordedAt: Timestamp.date(milliseconds: recordedAt), author: draft.author,
                              payload: draft.payload, identity: identity, hash: hash)
            // The summary is folded in after the commit (`foldIntoDigest`); the trigger has marked it as lagging
            // meanwhile, in this same transaction.
            return event
    }

    public func events(of incident: IncidentID, after sequence: Int) async throws -> [Event] {
        // One SELECT sees one snapshot of the log on its own: no transaction around it to begin and end.
        try await readStatement { db in try Self.events(of: incident, after: sequence, db) }
    }

    static func events(of incident: IncidentID, after sequence: Int, _ db: Database) throws -> [Event] {
        // A cursor, not fetchAll: a dashboard opening on 100 000 events would otherwise hold every row and
        // every event at once.
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT \(eventColumns) FROM event WHERE incident = ? AND seq > ? ORDER BY seq"),
            arguments: [incident.number, sequence])
        var events: [Event] = []
        while let row = try rows.next() { events.append(try event(from: row)) }
        return events
    }

    public func chain(of incident: IncidentID, after sequence: Int, limit: Int) async throws -> [ChainLink] {
        try await readStatement { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT seq, recorded_at, author, COALESCE(os_user, ''), kind, payload, COALESCE(prev_hash, ''),
                       COALESCE(hash, '')
                FROM event WHERE incident = ? AND seq > ? ORDER BY seq LIMIT ?
                """, arguments: [incident.number, sequence, limit])
            var links: [ChainLink] = []
            while let row = try rows.next() {
                links.append(ChainLink(incident: incident, sequence: row[0], recordedMilliseconds: row[1], author: row[2],
                                       identity: row[3], kind: row[4], payload: row[5], previous: row[6], hash: row[7]))
            }
            return links
        }
    }

    public func incidentNumbers() async throws -> [IncidentID] {
        try await readStatement { db in
            try Int.fetchAll(db, sql: "SELECT id FROM incident UNION SELECT DISTINCT incident FROM event ORDER BY 1").map(IncidentID.init)
        }
    }

    public func importChains(_ incidents: [[ChainLink]]) async throws {
        try await write { db in
            for links in incidents { try Self.importChain(links, db) }
        }
    }

    /// One incident of an import, inside the import's transaction.
    private static func importChain(_ links: [ChainLink], _ db: Database) throws {
        guard let first = links.first else { return }
        let incident = first.incident
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM incident WHERE id = ?", arguments: [incident.number]) == true {
            throw StoreError.incidentExists(incident)
        }
        try db.execute(sql: "INSERT INTO incident (id, created_at) VALUES (?, ?)",
                       arguments: [incident.number, first.recordedMilliseconds])
        var previous = ""
        for link in links {
            // The store computes each link itself, as on any append: a file that says otherwise is refused.
            let hash = link.expectedHash(after: previous)
            guard link.incident == incident, hash == link.hash else {
                throw StoreError.refused("event \(link.sequence) of \(incident) does not match its hash; nothing was imported")
            }
            try db.execute(sql: """
                INSERT INTO event (incident, seq, recorded_at, author, kind, payload, os_user, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [incident.number, link.sequence, link.recordedMilliseconds, link.author, link.kind,
                                 link.payload, link.identity.isEmpty ? nil : link.identity, previous, hash])
            previous = hash
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

    public func digests(_ query: DigestQuery) async throws -> DigestPage {
        try await catchUpDigests()
        return try await read { db in try SQLiteDigestTable.page(db, query) }
    }

    public func digestsWithFollowUpsDue(now: Date) async throws -> [IncidentDigest] {
        try await catchUpDigests()
        return try await readStatement { db in try SQLiteDigestTable.withFollowUpsDue(db, now: now) }
    }

    public func rebuildDigests() async throws -> Int {
        let count = try await write { db in try SQLiteDigestTable.discardAll(db) }
        try await catchUpDigests()
        return count
    }

    /// Folds into each lagging digest the events it lacks (after a rebuild, a bulk load, or a database from
    /// before digests): appends through this store keep them current themselves.
    private func catchUpDigests() async throws {
        let stale = try await readStatement { db in try SQLiteDigestTable.stale(db) }
        guard !stale.isEmpty else { return }
        try await DigestCatchUp.run(stale, store: self) { digest, replacing in
            let row = try DigestRow(digest)
            try await self.write { db in try SQLiteDigestTable.save(db, row, replacing: replacing) }
        }
    }

    public func changes() -> AsyncStream<Void> {
        let watched = watchedFiles
        return FileChangeSignal.stream(directory: watched.directory, announced: watched.announced,
                                       written: watched.written)
    }

    public func pollableChanges() -> PollableChangeSignal? {
        let watched = watchedFiles
        return PollableChangeSignal(directory: watched.directory, announced: watched.announced, written: watched.written)
    }

    /// The directory inotify watches, the file whose touch announces a commit, and the WAL.
    private var watchedFiles: (directory: String, announced: String, written: Set<String>) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return (directory.isEmpty ? "." : directory, name, [name + "-wal"])
    }

    public func eventsWithoutWaiting(of incident: IncidentID, after sequence: Int) throws -> [Event]? {
        do {
            return try Self.readHere(try openLoopConnection()) { db in try Self.events(of: incident, after: sequence, db) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return nil
        } catch {
            throw Self.translate(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// Tells followers in every process that a commit is visible: touching the file's times is one system
    /// call, means nothing to SQLite, and reaches their inotify watches after the commit, never before.
    /// Setting the times to now needs only write access to the file, which an append needed anyway; a touch
    /// that fails all the same only leaves followers to the trailing signals.
    private static func announceCommit(_ path: String) {
        _ = utimensat(AT_FDCWD, path, nil, 0)
    }

    // MARK: - Rows and errors

    /// What `event(from:)` reads, in the order it reads it: by position, as looking columns up by name for
    /// every row of a long log cost more than the rest of the row.
    private static let eventColumns = "incident, seq, recorded_at, author, payload, os_user, hash"

    private static func event(from row: Row) throws -> Event {
        do {
            return Event(incident: IncidentID(row[0]), sequence: row[1],
                         recordedAt: Timestamp.date(milliseconds: row[2]), author: row[3],
                         payload: try EventCoding.decodePayload(row[4]), identity: row[5], hash: row[6])
        } catch {
            throw StoreError.corrupt("event \(row[1] as Int) of INC-\(row[0] as Int) cannot be read (\(error))")
        }
    }

    /// Runs on GRDB's own thread for the writer, never on one of Swift's cooperative threads: while another
    /// process holds the lock, this waits in SQLite's busy handler for up to `busyTimeout`, and on a machine
    /// of two cores two such waits on the cooperative threads would stop every task of the process (following,
    /// ticking, reading another incident). Calls queue on that thread in the order they are made.
    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let path = self.path
        do {
            return try await writer.writeWithoutTransaction { db in try Self.commit(db, path: path, body) }
        } catch {
            throw Self.translate(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// Runs on the calling thread, through a connection that gives up at once on a held lock
    /// (`appendWithoutWaiting`): an append takes a fraction of a millisecond, and handing it to another
    /// thread and back cost two thread wake-ups, a measurable part of Enter-to-screen.
    private func writeHere<T>(through connection: DatabaseQueue, _ body: (Database) throws -> T) throws -> T {
        do {
            let path = self.path
            return try connection.writeWithoutTransaction { db in try Self.commit(db, path: path, body) }
        } catch {
            throw Self.translate(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// `body` in one IMMEDIATE transaction, then the commit announced to followers (unless `path` is nil).
    ///
    /// IMMEDIATE takes the write lock up front: concurrent writers wait in the busy handler instead of failing
    /// when a deferred read lock cannot be upgraded. BEGIN and COMMIT are statements prepared once per
    /// connection: GRDB's `inTransaction` parses its own anew each time, which took a tenth of a millisecond of
    /// every typed line.
    private static func commit<T>(_ db: Database, path: String?, _ body: (Database) throws -> T) throws -> T {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
        let result: T
        do {
            result = try body(db)
            try db.cachedStatement(sql: "COMMIT").execute()
        } catch {
            // SQLite may have rolled back already (a full disk, an I/O error); GRDB's rollback checks first.
            try? db.rollback()
            throw error
        }
        if let path { announceCommit(path) }
        return result
    }

    /// `PRAGMA synchronous` of the connection that appends (2 is FULL): for the tests.
    func writerSynchronous() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// A read of one statement, which SQLite runs on one snapshot by itself. On the calling thread, through a
    /// connection that never waits: in WAL mode a read waits for no writer and no checkpoint, and it is over
    /// sooner than a hop to another thread. It waits only in the rare moments when SQLite needs the file to
    /// itself (recovering the WAL after a crash, the last connection cleaning up, a program that took the
    /// file in exclusive locking mode), and then the read goes to the patient reader's own thread.
    private func readStatement<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            do {
                return try Self.readHere(impatientReader, body)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return try await reader.unsafeRead(body)
            }
        } catch {
            throw Self.translate(error, path: path, busyTimeout: busyTimeout)
        }
    }

    /// GRDB's synchronous read, which an async caller would not pick on its own.
    private static func readHere<T>(_ connection: DatabaseQueue, _ body: (Database) throws -> T) throws -> T {
        try connection.unsafeRead(body)
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await reader.read(body)
        } catch {
            throw Self.translate(error, path: path, busyTimeout: busyTimeout)
        }
    }

    static func translate(_ error: any Error, path: String, busyTimeout: TimeInterval) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_NOTADB: return StoreError.notADatabase(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: return StoreError.readOnly(path: path)
        case .SQLITE_FULL: return StoreError.diskFull(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(path: path, seconds: busyTimeout)
        // The schema's own checks (append-only, gapless, valid JSON) and values SQLite cannot hold.
        case .SQLITE_CONSTRAINT, .SQLITE_TOOBIG, .SQLITE_MISMATCH:
            return StoreError.refused("\(path): \(error.message ?? "\(error.resultCode)")")
        // GRDB interrupts a statement whose task was cancelled.
        case .SQLITE_INTERRUPT: return CancellationError()
        case .SQLITE_CORRUPT:
            if let truncation = truncation(of: path) { return StoreError.corrupt(truncation) }
            return StoreError.corrupt("\(path): \(error.message ?? "corrupt"); nothing was recorded: restore it from a backup, or save what is readable with 'sqlite3 \(path) .recover'")
        case .SQLITE_CANTOPEN:
            // A full disk cannot take the -shm and -wal files SQLite needs beside the database.
            if isDiskFull(path) { return StoreError.diskFull(path: path) }
            // A directory that refuses new files (the database, its -wal and -shm) is read-only for us:
            // say so, since the fix is the directory's permissions (shared use needs group write on it).
            let directory = (path as NSString).deletingLastPathComponent
            if !FileManager.default.isWritableFile(atPath: directory.isEmpty ? "." : directory) {
                return StoreError.readOnly(path: path)
            }
            return StoreError.cannotOpen(path: path, reason: "no permission, or not a file")
        case .SQLITE_IOERR:
            // SQLite says "disk I/O error" when a full disk refuses its shared-memory or journal file.
            if isDiskFull(path) { return StoreError.diskFull(path: path) }
            if let truncation = truncation(of: path) { return StoreError.corrupt(truncation) }
            return StoreError.failed("\(path): input/output error (\(error.message ?? "I/O")); is the disk full or gone?")
        default:
            return StoreError.failed("\(path): \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// Less than 64 KiB left for us on the database's file system: too little for a commit and its -wal.
    static func isDiskFull(_ path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        var stats = statvfs()
        guard statvfs(directory.isEmpty ? "." : directory, &stats) == 0 else { return false }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 64 * 1024
    }

    /// "cut short" when the file is shorter than its own header says (a copy that stopped, a full disk while
    /// restoring a backup); nil when its size is as recorded, or the header cannot be read.
    static func truncation(of path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 100), header.count == 100,
              let size = try? handle.seekToEnd() else { return nil }
        func big(_ offset: Int, _ count: Int) -> UInt64 {
            header[offset..<offset + count].reduce(0) { $0 << 8 | UInt64($1) }
        }
        let pageSize = big(16, 2) == 1 ? 65_536 : big(16, 2)
        // The page count in the header is valid only while its "version valid for" matches the change counter.
        guard big(92, 4) == big(24, 4), pageSize >= 512 else { return nil }
        let recorded = big(28, 4) * pageSize
        guard size < recorded else { return nil }
        return "\(path) is cut short: \(size) of its \(recorded) bytes are there (a copy that stopped early, or a full disk?); nothing was recorded: restore it from a backup, or save what is readable with 'sqlite3 \(path) .recover'"
    }
}
