import CrisisTestSupport
import Foundation
import Testing

/// Input far past what anyone types: a megabyte argument, an incident of 100 000 entries. Where a limit applies
/// the refusal is one short line that names it, and nothing is written; where none applies, it just works.
@Suite(.enabled(if: SQLiteShell.isAvailable, "sqlite3 is not installed: apt-get install sqlite3"))
struct InputLimitTests {
    private func incident() throws -> (TemporaryDirectory, CrisisProcess, String) {
        let directory = try TemporaryDirectory()
        let database = directory.path("crisis.db")
        let crisis = CrisisProcess(directory: directory.url, database: database)
        try crisis.ok(["open", "Checkout failing", "--severity", "2"])
        try crisis.ok(["note", "first note"])
        return (directory, crisis, database)
    }

    private func eventCount(_ database: String) throws -> Int {
        Int(try SQLiteShell.run(database, "SELECT COUNT(*) FROM event;")) ?? -1
    }

    /// One line on stderr, short enough to read, from a process that exited on its own with a failure.
    private func expectOneShortLine(_ result: Subprocess.Result, _ what: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0 && result.status < 128, "\(what): exit status \(result.status)",
                sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(what): \(result.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("crisis: "), "\(what): \(result.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(result.stderr.utf8.count <= 1200, "\(what): a \(result.stderr.utf8.count)-byte error line",
                sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"),
                sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(what): \(result.stdout.prefix(300))", sourceLocation: sourceLocation)
    }

    @Test func aMegabyteNoteIsRefusedInOneLineNamingTheLimit() throws {
        let (directory, crisis, database) = try incident()
        _ = directory
        let before = try eventCount(database)
        let megabyte = String(repeating: "x", count: 1 << 20)
        let result: Subprocess.Result
        do {
            result = try crisis.run(["note", megabyte])
        } catch {
            // Linux caps one argument at 128 KiB (MAX_ARG_STRLEN): a 1 MiB argument never reaches crisis.
            // The largest one the kernel passes is what a shell user can actually hand it.
            print("a 1 MiB argument is refused by the kernel before crisis runs (\(error)); trying 128 KiB - 1")
            result = try crisis.run(["note", String(repeating: "x", count: 128 * 1024 - 1)])
        }
        expectOneShortLine(result, "a huge note")
        #expect(result.stderr.contains("16 KiB"), "\(result.stderr.prefix(300))")
        #expect(try eventCount(database) == before)

        // The same megabyte, unquoted in a script: 111 112 words, the whole argument list the kernel allows.
        let words = String(repeating: "xxxxxxxx ", count: (1 << 20) / 9).split(separator: " ").map(String.init)
        let split = try crisis.run(["note"] + words)
        expectOneShortLine(split, "a megabyte of words")
        #expect(split.stderr.contains("unexpected arguments"), "\(split.stderr.prefix(300))")
        #expect(try eventCount(database) == before)

        // Just at the limit is accepted.
        try crisis.ok(["note", String(repeating: "y", count: 16 * 1024)])
        #expect(try eventCount(database) == before + 1)
    }

    /// Every place a value is echoed back in an error: the value is shortened, the advice is kept.
    /// `HUGE` stands for 120 KiB of text (near the kernel's cap on one argument or variable), put in at run time
    /// so a failure does not print it.
    static let hugeValues: [(arguments: [String], environment: [String: String], mentions: String)] = {
        let huge = "HUGE"
        return [
            (["note", "x", "--incident", huge], [:], "INC-<n>"),
            (["note", "x", "--db", "/tmp/" + huge], [:], "open an incident first"),
            (["deadline", "check", "--in", huge], [:], "20m"),
            (["brief", "Update", "--next", huge, "--why", "because"], [:], "14:30"),
            (["brief", "Update", "--next", "20m", "--why", huge], [:], "16 KiB"),
            (["status", huge], [:], "investigating"),
            (["answer", huge, "yes"], [:], "Q<number>"),
            (["note", "x", "--as", huge], [:], "200 bytes"),
            (["note", "x"], ["CRISIS_AUTHOR": huge], "200 bytes"),
            (["note", "x"], ["CRISIS_INCIDENT": huge], "INC-<n>"),
            (["note", "x"], ["CRISIS_NOW": huge], "ISO 8601"),
            (["frobnicate", huge], [:], "crisis --help"),
        ]
    }()

    @Test(arguments: hugeValues)
    func aHugeValueIsQuotedShortAndNothingIsWritten(arguments: [String], environment: [String: String],
                                                   mentions: String) throws {
        let (directory, crisis, database) = try incident()
        let before = try eventCount(database)
        let huge = String(repeating: "z", count: 120 * 1024)
        let result = try crisis.run(arguments.map { $0.replacingOccurrences(of: "HUGE", with: huge) },
                                    extraEnvironment: environment.mapValues { $0.replacingOccurrences(of: "HUGE", with: huge) })
        expectOneShortLine(result, arguments.first ?? "")
        #expect(result.stderr.contains(mentions), "should mention \(mentions): \(result.stderr.prefix(400))")
        #expect(try eventCount(database) == before)
        #expect(try directory.contents().filter { !$0.hasPrefix(".") } == ["crisis.db"], "nothing created beside the database")
    }

    @Test func aHundredThousandEntriesShowListLogAndDebrief() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("crisis.db")
        let crisis = CrisisProcess(directory: directory.url, database: database)
        // Opened four hours ago, so 100 000 entries 100 ms apart all lie in the past.
        let opened = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-4 * 3600))
        let open = try crisis.run(["open", "A very long incident", "--severity", "2"], extraEnvironment: ["CRISIS_NOW": opened])
        #expect(open.status == 0, "\(open.stderr)")
        var started = Date()
        try SQLiteShell.appendBulk(database, count: 99_999)
        let bulk = Date().timeIntervalSince(started)
        #expect(try eventCount(database) == 100_000)

        func timed(_ what: String, _ body: () throws -> Subprocess.Result) rethrows -> (Subprocess.Result, Double) {
            started = Date()
            let result = try body()
            return (result, Date().timeIntervalSince(started))
        }
        let (show, showTime) = try timed("show") { try crisis.run(["show"]) }
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("A very long incident"))
        #expect(show.stdout.contains("question 99500?"), "the newest open question is shown")

        let (tail, tailTime) = try timed("log | tail") {
            try Subprocess.run("/bin/sh", ["-c", "\"$CRISIS_BINARY\" log | tail -n 2"],
                               environment: crisis.environment.merging(["CRISIS_BINARY": CrisisProcess.binary.path]) { $1 })
        }
        #expect(tail.status == 0, "\(tail.stderr)")
        let lastLines = tail.stdout.split(separator: "\n")
        #expect(lastLines.count == 2)
        #expect(lastLines.last?.contains("#100000") == true && lastLines.last?.contains("entry 100000") == true,
                "\(tail.stdout)")

        let (json, jsonTime) = try timed("log --json") { try crisis.run(["log", "--json"]) }
        #expect(json.status == 0, "\(json.stderr)")
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 100_000, "every entry decodes and is printed once")

        let (list, listTime) = try timed("list") { try crisis.run(["list"]) }
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("INC-1") && list.stdout.contains("A very long incident"))

        let (debrief, debriefTime) = try timed("debrief") { try crisis.run(["debrief"]) }
        #expect(debrief.status == 0, "\(debrief.stderr)")
        #expect(debrief.stdout.contains("entry 100000") && debrief.stdout.contains("entry 2"))

        // Posting to it stays one ordinary append.
        let (note, noteTime) = try timed("note") { try crisis.run(["note", "entry after the flood"]) }
        #expect(note.status == 0, "\(note.stderr)")
        #expect(note.stdout.contains("#100001"))

        print(String(format: "100 000 entries: bulk insert %.2fs, show %.2fs, log | tail %.2fs, log --json %.2fs, list %.2fs, debrief %.2fs (%d KiB), note %.2fs",
                     bulk, showTime, tailTime, jsonTime, listTime, debriefTime, debrief.stdout.utf8.count / 1024, noteTime))
    }
}
