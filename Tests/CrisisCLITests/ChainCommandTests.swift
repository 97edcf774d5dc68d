import CrisisTestSupport
import Foundation
import Testing

/// `crisis verify`, `export` and `import` as people run them, and the chain's head where people keep it.
@Suite struct ChainCommandTests {
    private func incident() throws -> (TemporaryDirectory, CrisisProcess, String) {
        let directory = try TemporaryDirectory()
        let database = directory.path("crisis.db")
        let crisis = CrisisProcess(directory: directory.url, database: database)
        try crisis.ok(["open", "Checkout fails", "--severity", "2", "--customer", "Acme"])
        for n in 1...4 { try crisis.ok(["note", "note \(n)"]) }
        try crisis.ok(["brief", "Card payments fail; we are failing over", "--next", "30m", "--why", "failover takes 20 minutes"])
        return (directory, crisis, database)
    }

    /// `INC-1:5e1c9a2` from a line that names a head.
    private func head(in text: String) throws -> String {
        let match = try #require(text.firstMatch(of: /INC-\d+:[0-9a-f]{7}\b/), "no head in: \(text)")
        return String(match.output)
    }

    @Test func verifyShowAndDebriefAgreeOnTheHeadAndARewriteIsNamed() throws {
        let (directory, crisis, database) = try incident()
        defer { withExtendedLifetime(directory) {} }
        let verified = try crisis.ok(["verify"])
        #expect(verified.hasPrefix("INC-1: 6 events, chain intact; head INC-1:"), "\(verified)")
        let head = try head(in: verified)
        #expect(try crisis.ok(["show"]).contains("chain head: \(head) (event 6)"))
        let debrief = try crisis.ok(["debrief"])
        #expect(debrief.contains("Chain head \(head) (event 6)") && debrief.contains("| Log | hash chain intact, head \(head) |"), "\(debrief)")
        #expect(try crisis.ok(["verify", "--head", head]).contains("\(head): holds; it is event 6 of 6"))

        // Someone with the file edits a note, with sqlite3 and the trigger out of the way.
        try SQLiteShell.run(database, """
            DROP TRIGGER event_no_update;
            UPDATE event SET payload = replace(payload, 'note 2', 'all fine') WHERE seq = 3;
            """)
        let broken = try crisis.run(["verify", "--head", head])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("INC-1: BROKEN at event 3 of 6: event 3 was changed after it was written"), "\(broken.stdout)")
        #expect(broken.stdout.contains("\(head): does NOT hold"), "\(broken.stdout)")
        // The reports that print a head say instead that there is none worth keeping.
        let show = try crisis.run(["show"])
        #expect(show.stdout.contains("chain: BROKEN at event 3") && !show.stdout.contains("chain head:"), "\(show.stdout)")
        #expect(show.stderr.contains("INC-1's log was rewritten"), "\(show.stderr)")
        let rewritten = try crisis.run(["debrief"]).stdout
        #expect(rewritten.contains("**hash chain BROKEN at event 3**") && rewritten.contains("The log's hash chain is BROKEN at event 3")
                && !rewritten.contains("Chain head"), "\(rewritten)")
    }

    @Test func aCutTailIsCaughtByAKeptHead() throws {
        let (directory, crisis, database) = try incident()
        defer { withExtendedLifetime(directory) {} }
        let head = try head(in: try crisis.ok(["verify"]))
        try SQLiteShell.run(database, "DROP TRIGGER event_no_delete; DELETE FROM event WHERE seq > 4;")
        let plain = try crisis.run(["verify"])
        #expect(plain.status == 0, "a cut tail leaves a consistent chain: \(plain.stdout)")
        let witnessed = try crisis.run(["verify", "--head", head])
        #expect(witnessed.status == 1 && witnessed.stdout.contains("does NOT hold"), "\(witnessed.stdout)")
    }

    @Test func badHeadsAreOneClearLine() throws {
        let (directory, crisis, _) = try incident()
        defer { withExtendedLifetime(directory) {} }
        for bad in ["INC-1", "INC-1:xyz1234", "INC-1:12ab", "banana:1234567"] {
            let result = try crisis.run(["verify", "--head", bad])
            #expect(result.status != 0 && result.stdout.isEmpty, "--head \(bad)")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("is not a chain head"), "\(result.stderr)")
        }
        let other = try crisis.run(["verify", "--incident", "1", "--head", "INC-2:1234567"])
        #expect(other.status != 0 && other.stderr.contains("which this command does not verify"), "\(other.stderr)")
        let admin = try crisis.run(["admin", "init"])
        #expect(admin.status != 0 && admin.stderr.contains("is for PostgreSQL"), "\(admin.stderr)")
    }

    @Test func anExportImportsIntoAnotherStoreWithTheSameHead() throws {
        let (directory, crisis, _) = try incident()
        defer { withExtendedLifetime(directory) {} }
        let head = try head(in: try crisis.ok(["verify"]))
        let file = directory.path("inc1.jsonl")
        let exported = try crisis.run(["export", "--output", file])
        #expect(exported.status == 0 && exported.stderr.contains("exported \(head) (6 events) to \(file)"), "\(exported.stderr)")
        let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(permissions == 0o600, "the export holds what the database holds: readable by its owner alone")
        let nowhere = try crisis.run(["export", "--output", directory.path("missing/inc1.jsonl")])
        #expect(nowhere.status != 0 && nowhere.stderr.split(separator: "\n").count == 1
                && nowhere.stderr.contains("nothing was written"), "\(nowhere.stderr)")

        // Into an SQLite file that does not exist yet, from standard input.
        let target = directory.path("moved.db")
        let moved = CrisisProcess(directory: directory.url, database: target)
        let imported = try Subprocess.run("/bin/bash", ["-c", #""$0" import - < "$1""#, CrisisProcess.binary.path, file],
                                          environment: moved.environment)
        #expect(imported.status == 0 && imported.stdout.contains("imported INC-1: 6 events, chain verified; head \(head), as exported"),
                "\(imported.stdout) \(imported.stderr)")
        #expect(try moved.ok(["verify"]).contains("head \(head)"))
        #expect(try moved.ok(["log"]) == (try crisis.ok(["log"])), "the same log, time for time and name for name")
        let again = try moved.run(["import", file])
        #expect(again.status != 0 && again.stderr.contains("INC-1 already exists"), "\(again.stderr)")
        // A new incident in the new store takes the next number.
        #expect(try moved.ok(["open", "After the move", "--severity", "4"]) == "INC-2")
    }

    @Test func hostileTextIsExportedInertAndImportsWithTheSameHead() throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let crisis = CrisisProcess(directory: directory.url, database: directory.path("crisis.db"))
        try crisis.ok(["open", "Hostile text", "--severity", "3"])
        try crisis.ok(["note", "csi \u{9B}31m bidi \u{202E}dlrow bell \u{07} done"])
        let head = try head(in: try crisis.ok(["verify"]))
        let exported = try crisis.ok(["export"])
        for scalar in exported.unicodeScalars {
            #expect(scalar == "\n" || (scalar.value >= 0x20 && scalar.value < 0x7F) || scalar.value > 0x9F && scalar.value != 0x202E,
                    "U+\(String(scalar.value, radix: 16)) reached the terminal")
        }
        let file = directory.path("hostile.jsonl")
        try (exported + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let moved = CrisisProcess(directory: directory.url, database: directory.path("moved.db"))
        #expect(try moved.ok(["import", file]).contains("head \(head), as exported"))
    }

    @Test func aDamagedExportImportsNothing() throws {
        let (directory, crisis, _) = try incident()
        defer { withExtendedLifetime(directory) {} }
        let text = try crisis.ok(["export"]) + "\n"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let cases: [(String, String, String)] = [
            ("cut mid-line", String(text.prefix(text.count - 40)), "cut short"),
            ("cut at a line", lines.prefix(4).joined(separator: "\n") + "\n", "should have 6 events and has 3"),
            ("an edited note", text.replacingOccurrences(of: "note 3", with: "note 9"), "broken at event 4"),
            ("not an export", "hello\n", "a crisis export starts with a header"),
            ("empty", "", "there is no crisis export in it"),
        ]
        for (name, content, words) in cases {
            let file = directory.path("damaged.jsonl")
            try content.write(toFile: file, atomically: true, encoding: .utf8)
            let target = directory.path("target-\(name.replacingOccurrences(of: " ", with: "-")).db")
            let result = try CrisisProcess(directory: directory.url, database: target).run(["import", file])
            #expect(result.status != 0, "\(name) was imported")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains(words)
                    && result.stderr.contains("nothing was imported"), "\(name): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: target), "\(name): no database was created")
        }
    }

    @Test(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
    func anSQLiteIncidentMovesToPostgreSQLWithItsHead() throws {
        let (directory, crisis, _) = try incident()
        defer { withExtendedLifetime(directory) {} }
        try crisis.ok(["open", "Search slow", "--severity", "3"])
        try crisis.ok(["note", "--incident", "2", "index rebuild"])
        let heads = try crisis.ok(["verify", "--all"])
        let file = directory.path("all.jsonl")
        try crisis.ok(["export", "--all", "--output", file])
        let server = CrisisProcess(directory: directory.url, database: try PostgresTestServer.shared.get().freshDatabase())
        let imported = try server.ok(["import", file])
        #expect(imported.split(separator: "\n").count == 2, "\(imported)")
        #expect(try server.ok(["verify", "--all"]) == heads, "the same chains, the same heads, on the server")
        #expect(try server.ok(["log", "--incident", "1"]) == (try crisis.ok(["log", "--incident", "1"])))
        // Appends on the server link onto the imported chain.
        try server.ok(["note", "--incident", "1", "on the server now"])
        #expect(try server.ok(["verify", "--incident", "1"]).contains("7 events, chain intact"))
    }
}

extension ChainCommandTests {
    /// `verify --all` walks every incident the store knows of, so one whose opening (or whole log) was removed
    /// is named, not skipped.
    @Test func verifyAllNamesAnIncidentWhoseOpeningWasRemoved() throws {
        let (directory, crisis, database) = try incident()
        defer { withExtendedLifetime(directory) {} }
        try crisis.ok(["open", "Search slow", "--severity", "3"])
        try crisis.ok(["note", "--incident", "2", "index rebuild"])
        try crisis.ok(["open", "Mail late", "--severity", "4"])
        try SQLiteShell.run(database, """
            DROP TRIGGER event_no_delete;
            DELETE FROM event WHERE incident = 2 AND seq = 1;
            DELETE FROM event WHERE incident = 3;
            """)
        let result = try crisis.run(["verify", "--all"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("INC-1: 6 events, chain intact"), "\(result.stdout)")
        #expect(result.stdout.contains("INC-2: BROKEN at event 1"), "\(result.stdout)")
        #expect(result.stdout.contains("INC-3: BROKEN: the incident is recorded but every event of its log is gone"), "\(result.stdout)")
        #expect(result.stdout.contains("2 of 3 incidents FAILED verification"), "\(result.stdout)")
    }
}
