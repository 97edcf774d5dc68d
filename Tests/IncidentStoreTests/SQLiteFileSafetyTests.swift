import Foundation
import GRDB
import IncidentModel
import CrisisTestSupport
import IncidentStore
import Testing

/// The database refuses what crisis never does, and crisis leaves files that are not its own untouched.
@Suite("SQLite files")
struct SQLiteFileSafetyTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("crisis.db")
    }

    func storeWithEvents() async throws -> IncidentID {
        let store = try SQLiteIncidentStore(path: path, create: true, clock: ManualClock(openedAt))
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        _ = try await store.append(EventDraft(incident: id, author: "a", payload: .note(text: "kept")))
        return id
    }

    @Test func theDatabaseRefusesUpdateAndDelete() async throws {
        let id = try await storeWithEvents()
        let queue = try DatabaseQueue(path: path)
        let before = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM event ORDER BY incident, seq") }
        for sql in [
            "UPDATE event SET payload = '{\"kind\":\"note\",\"text\":\"forged\"}' WHERE seq = 3",
            "UPDATE event SET recorded_at = 0",
            "DELETE FROM event WHERE seq = 3",
            "DELETE FROM event",
            "UPDATE incident SET created_at = 0",
            "DELETE FROM incident",
        ] {
            let error = #expect(throws: DatabaseError.self, "\(sql)") {
                try queue.write { db in try db.execute(sql: sql) }
            }
            #expect(error?.message?.contains("crisis") == true, "\(sql): \(String(describing: error))")
        }
        let after = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM event ORDER BY incident, seq") }
        #expect(after == before)
        try queue.close()
        #expect(try await SQLiteIncidentStore(path: path, create: false).events(of: id, after: 0).count == 3)
    }

    @Test func theDatabaseRefusesGapsAndDuplicates() async throws {
        let id = try await storeWithEvents()
        let queue = try DatabaseQueue(path: path)
        func insert(_ seq: Int) throws {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO event (incident, seq, recorded_at, author, kind, payload, prev_hash, hash)
                    VALUES (?, ?, 0, 'x', 'note', '{"kind":"note","text":"x"}', '', '\(String(repeating: "0", count: 64))')
                    """, arguments: [id.number, seq])
            }
        }
        #expect(throws: DatabaseError.self, "a gap") { try insert(5) }
        #expect(throws: DatabaseError.self, "a duplicate") { try insert(3) }
        #expect(throws: DatabaseError.self, "seq 0") { try insert(0) }
        try insert(4) // the next number is the only one accepted
        try queue.close()
        let log = try await SQLiteIncidentStore(path: path, create: false).events(of: id, after: 0)
        #expect(log.map(\.sequence) == [1, 2, 3, 4])
    }

    @Test func aFileThatIsNotSQLiteIsLeftAlone() throws {
        let bytes = Data(String(repeating: "these are somebody's notes, not a database\n", count: 200).utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notADatabase(path: path)) {
            try SQLiteIncidentStore(path: path, create: true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try directory.contents() == ["crisis.db"])
    }

    @Test func anSQLiteFileOfAnotherProgramIsLeftAlone() throws {
        let other = try DatabaseQueue(path: path)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('bread')")
        }
        try other.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))

        #expect(throws: StoreError.notACrisisDatabase(path: path)) {
            try SQLiteIncidentStore(path: path, create: true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "byte for byte unchanged")
        #expect(try directory.contents() == ["crisis.db"], "no -wal or -shm created")
        let check = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        #expect(try check.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "delete")
        try check.close()
    }

    @Test func missingFileWithoutCreateCreatesNothing() throws {
        #expect(throws: StoreError.missing(path: path)) { try SQLiteIncidentStore(path: path, create: false) }
        #expect(try directory.contents().isEmpty)
    }

    @Test func pathInAMissingDirectory() throws {
        let nowhere = directory.path("no/such/dir/crisis.db")
        let error = #expect(throws: StoreError.self) { try SQLiteIncidentStore(path: nowhere, create: true) }
        guard case .cannotOpen(let reported, _)? = error else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
            return
        }
        #expect(reported == nowhere)
        #expect(try directory.contents().isEmpty)
        #expect(throws: StoreError.missing(path: nowhere)) { try SQLiteIncidentStore(path: nowhere, create: false) }
    }

    @Test func aDirectoryIsNotADatabase() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let error = #expect(throws: StoreError.self) { try SQLiteIncidentStore(path: path, create: true) }
        #expect(error != nil)
    }

    @Test func anEmptyFileBecomesACrisisDatabase() async throws {
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try SQLiteIncidentStore(path: path, create: false)
        #expect(try await store.incidents().isEmpty)
    }

    @Test func aReadOnlyFileCannotBeWritten() async throws {
        let id = try await storeWithEvents()
        // Tests run as root, who ignores permission bits: the immutable flag stops root too.
        guard chattr("+i", path) else {
            try Test.cancel("chattr +i is not available here, and permission bits do not stop root")
        }
        defer { chattr("-i", path) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = await storeError {
            let store = try SQLiteIncidentStore(path: path, create: false)
            return try await store.append(EventDraft(incident: id, author: "a", payload: .note(text: "lost?")))
        }
        #expect(error == .readOnly(path: path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aReadOnlyDirectoryCannotTakeANewDatabase() async throws {
        let sub = directory.path("shared")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        guard chattr("+i", sub) else {
            try Test.cancel("chattr +i is not available here, and permission bits do not stop root")
        }
        defer { chattr("-i", sub) }
        let file = sub + "/crisis.db"
        let error = await storeError { try SQLiteIncidentStore(path: file, create: true) }
        #expect(error == .readOnly(path: file))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sub).isEmpty)
    }
}
