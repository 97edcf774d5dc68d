import Foundation
import IncidentModel
import IncidentStore
#if canImport(Glibc)
import Glibc
#endif

/// The `sqlite3` command-line shell, as an administrator (or an attacker) would use it on a crisis database:
/// outside crisis, so what it sees is what is on disk, and what it writes must pass the schema's triggers.
public enum SQLiteShell {
    public static let executable = "/usr/bin/sqlite3"
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// Runs `sql` on `database`; the shell's output, trimmed. Throws with its stderr when it fails.
    @discardableResult
    public static func run(_ database: String, _ sql: String) throws -> String {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("crisis-sql-\(UUID().uuidString).sql")
        try sql.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let result = try Subprocess.run(executable, ["-bail", "-batch", database, ".read \(script.path)"])
        guard result.status == 0, result.stderr.isEmpty else {
            throw Subprocess.Failure(description: "sqlite3 \(database) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public static func integrityCheck(_ database: String) throws -> String {
        try run(database, "PRAGMA integrity_check;")
    }

    /// Appends `count` events to `incident` (which must exist, with its opening as event 1) in one transaction,
    /// through the schema's triggers, each linked into the incident's hash chain as crisis would link it: notes
    /// `entry <seq>`, with a question `question <seq>?` at every 500th of each thousand, `spacing` milliseconds
    /// apart after the opening. The last sequence number is `count + 1`.
    public static func appendBulk(_ database: String, incident: Int = 1, count: Int, spacingMilliseconds: Int = 100) throws {
        let last = try run(database, "SELECT seq, recorded_at, hash FROM event WHERE incident = \(incident) ORDER BY seq DESC LIMIT 1;")
            .split(separator: "|").map(String.init)
        let opened = try run(database, "SELECT recorded_at FROM event WHERE incident = \(incident) AND seq = 1;")
        guard last.count == 3, last[0] == "1", let openedAt = Int64(opened) else {
            throw Subprocess.Failure(description: "appendBulk needs \(database)'s INC-\(incident) with its opening alone")
        }
        var previous = last[2]
        var sql = "BEGIN IMMEDIATE;\n"
        sql.reserveCapacity(count * 260)
        for sequence in 2...(count + 1) {
            let question = sequence % 1000 == 500
            let kind = question ? "question" : "note"
            let payload = question ? #"{"kind":"question","text":"question \#(sequence)?"}"# : #"{"kind":"note","text":"entry \#(sequence)"}"#
            let at = openedAt + Int64((sequence - 1) * spacingMilliseconds)
            let hash = ChainHash.of(incident: IncidentID(incident), sequence: sequence, recordedMilliseconds: at,
                                    author: "bulk", identity: "bulk", kind: kind, payload: payload, previous: previous)
            // Five hundred rows a statement: sqlite3 parses one statement per row several times slower.
            let row = "(\(incident), \(sequence), \(at), 'bulk', '\(kind)', '\(payload)', 'bulk', '\(previous)', '\(hash)')"
            if (sequence - 2) % 500 == 0 {
                if sequence > 2 { sql += ";\n" }
                sql += "INSERT INTO event (incident, seq, recorded_at, author, kind, payload, os_user, prev_hash, hash) VALUES\n" + row
            } else {
                sql += ",\n" + row
            }
            previous = hash
        }
        try run(database, sql + ";\nCOMMIT;\n")
    }
}

/// The outbox file a `crisis` process sends before anything else: entries queued while a store was out of
/// reach, one JSON object a line. A test writes one to make a single process append many events in a row,
/// each in its own transaction, exactly as a reconnecting laptop does.
public enum OutboxFile {
    /// Where crisis keeps the outbox of `store` (a path or a URL) under `stateHome` (`XDG_STATE_HOME`).
    public static func path(stateHome: String, store: String) -> String {
        let name = String(store.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }.suffix(120))
        return stateHome + "/crisis/outbox/" + name + ".jsonl"
    }

    /// Writes questions (or notes) for `incident`, one entry per text, each with its own idempotency key.
    public static func write(stateHome: String, store: String, incident: Int, author: String, kind: String,
                             texts: [String]) throws {
        let file = path(stateHome: stateHome, store: store)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        var lines = ""
        for text in texts {
            let entry: [String: Any] = [
                "author": author, "idempotencyKey": UUID().uuidString, "incident": "INC-\(incident)",
                "payload": ["kind": kind, "text": text], "queuedAt": "2026-11-23T14:00:00.000Z",
            ]
            let data = try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys, .withoutEscapingSlashes])
            lines += String(decoding: data, as: UTF8.self) + "\n"
        }
        try lines.write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// How many entries still wait in the outbox.
    public static func pending(stateHome: String, store: String) -> Int {
        guard let text = try? String(contentsOfFile: path(stateHome: stateHome, store: store), encoding: .utf8) else {
            return 0
        }
        return text.split(separator: "\n").count
    }
}

/// `sqlite3` holding a database's write lock (`BEGIN EXCLUSIVE` and an uncommitted insert), as another program
/// would, until `release()`.
public final class SQLiteLockHolder: Sendable {
    public let process: BackgroundProcess
    private let releaseFile: String

    /// Returns once the lock is taken; throws when sqlite3 ends before taking it, or takes more than 10 s.
    public init(_ database: String) throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("crisis-lock-\(UUID().uuidString)").path
        let held = marker + ".held"
        releaseFile = marker + ".release"
        guard FileManager.default.createFile(atPath: releaseFile, contents: nil) else {
            throw Subprocess.Failure(description: "cannot create \(releaseFile)")
        }
        process = try BackgroundProcess(SQLiteShell.executable, [
            database, "BEGIN EXCLUSIVE;", "INSERT INTO incident (created_at) VALUES (0);",
            ".shell touch \(held); while [ -e \(releaseFile) ]; do sleep 0.02; done; rm -f \(held)", "ROLLBACK;",
        ])
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: held) {
            guard process.isRunning, Date() < deadline else {
                release()
                throw Subprocess.Failure(description: "sqlite3 did not take the lock of \(database): \(process.stderr)")
            }
            usleep(10_000)
        }
    }

    /// Lets the lock go (sqlite3 rolls back and ends); true when this call did it. Safe from any thread.
    @discardableResult
    public func release() -> Bool {
        (try? FileManager.default.removeItem(atPath: releaseFile)) != nil
    }

    deinit {
        release()
        process.kill()
        process.wait()
    }
}
