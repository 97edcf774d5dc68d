import CrisisTestSupport
import Foundation
import Testing

/// Bad input gets one clear line on stderr, a non-zero exit, and writes nothing.
@Suite struct BadInputTests {
    /// An incident with one note, and the count of its events, to prove nothing more was written.
    private func incidentWithOneNote() throws -> (TemporaryDirectory, CrisisProcess) {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(["open", "Checkout failing", "--severity", "2"])
        try crisis.ok(["note", "first note"])
        try crisis.ok(["question", "Is it all regions?"])
        return (directory, crisis)
    }

    private func eventCount(_ crisis: CrisisProcess) throws -> Int {
        try crisis.ok(["log", "--json"]).split(separator: "\n").count
    }

    static let refusals: [(arguments: [String], mentions: String)] = [
        (["note", ""], "empty"),
        (["note", "   "], "empty"),
        (["note", String(repeating: "x", count: 16 * 1024 + 1)], "16 KiB"),
        (["frobnicate", "now"], "frobnicate"),
        (["answer", "Q9", "an answer to nothing"], "Q9"),
        (["answer", "banana", "text"], "Q<number>"),
        (["deadline", "met", "D4"], "D4"),
        (["ask", "done", "A2"], "A2"),
        (["note", "to a ghost", "--incident", "INC-99"], "INC-99"),
        (["note", "to nowhere", "--incident", "ninety"], "INC-<n>"),
        (["brief", "All good", "--next", "tomorrowish"], "14:30"),
        (["deadline", "check the lag", "--in", "soon"], "20m"),
        (["deadline", "check the lag"], "--in"),
        (["deadline", "check the lag", "--in", "10m", "--at", "14:30"], "not both"),
        (["deadline", "check the lag", "--at", "2001-01-01T00:00:00Z"], "past"),
        (["deadline", "slip", "D1", "--in", "10m"], "--why"),
        (["ask", "Send logs"], "--why"),
        (["owner", "Raj"], "--phone"),
        (["owner", "Raj", "--phone", "call me maybe"], "phone"),
        (["status", "fixed-ish"], "investigating"),
        (["status", "investigating"], "already"),
        (["log", "--channel", "gossip"], "technical or business"),
        (["open", "No severity"], "--severity"),
        (["open", "Bad severity", "--severity", "7"], "1, 2, 3 or 4"),
        (["open", "Bad cadence", "--severity", "2", "--cadence", "often"], "20m"),
        (["note", "x", "--as", ""], "--as"),
    ]

    @Test(arguments: refusals)
    func refusedWithOneLineAndNothingWritten(arguments: [String], mentions: String) throws {
        let (directory, crisis) = try incidentWithOneNote()
        _ = directory
        let before = try eventCount(crisis)
        let result = try crisis.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("crisis: "))
        #expect(result.stderr.contains(mentions), "stderr should mention \(mentions): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try eventCount(crisis) == before)
    }

    @Test func aMissingDatabaseIsNotCreatedByAnythingButOpen() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        let database = directory.url.appendingPathComponent("crisis.db").path
        let note = try crisis.run(["note", "hello"])
        #expect(note.status != 0)
        #expect(note.stderrLines.count == 1)
        #expect(note.stderr.contains("crisis open"))
        #expect(try crisis.ok(["list"]) == "no incidents: no crisis database at \(database) yet ('crisis open TITLE --severity N' makes it)")
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func aDatabaseThatCannotBeOpenedIsOneLine() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        let inMissingDirectory = try crisis.run(["open", "x", "--severity", "1", "--db", "/nonexistent/dir/crisis.db"])
        #expect(inMissingDirectory.status != 0)
        #expect(inMissingDirectory.stderrLines.count == 1)
        #expect(inMissingDirectory.stderr.contains("/nonexistent/dir"))

        let aDirectory = try crisis.run(["open", "x", "--severity", "1", "--db", directory.url.path])
        #expect(aDirectory.status != 0)
        #expect(aDirectory.stderrLines.count == 1)
    }

    @Test func aDatabasePathThatCannotExistIsAnErrorForEveryCommand() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("plain.txt")
        try Data("x".utf8).write(to: file)
        let advice = "point --db or CRISIS_DB at a file in a directory you can write"
        for (database, reason) in [("/proc/nope/x.sqlite", "the directory /proc/nope does not exist: create it, or \(advice)"),
                                   (file.path + "/x.db", "\(file.path) is not a directory: \(advice)")] {
            let crisis = CrisisProcess(directory: directory.url, database: database)
            for arguments in [["list"], ["list", "--json"], ["show"], ["note", "hello"], ["open", "x", "--severity", "3"]] {
                let result = try crisis.run(arguments)
                #expect(result.status == 1, "crisis \(arguments) with \(database)")
                #expect(result.stdout.isEmpty)
                #expect(result.stderrLines == ["crisis: cannot open the crisis database \(database): \(reason)"])
            }
        }
        // A path that could hold a database says where it looked; the default location's folder may be made later.
        let fresh = CrisisProcess(directory: directory.url, database: directory.url.appendingPathComponent("new.db").path)
        #expect(try fresh.ok(["list"]).contains("no crisis database at \(directory.url.path)/new.db yet"))
        var defaultLocation = CrisisProcess(directory: directory.url)
        defaultLocation.environment["CRISIS_DB"] = nil
        defaultLocation.environment["XDG_DATA_HOME"] = directory.url.appendingPathComponent("data").path
        #expect(try defaultLocation.ok(["list"]).contains("no crisis database at \(directory.url.path)/data/crisis/crisis.db yet"))
    }

    @Test func aFileThatIsNotACrisisDatabaseIsLeftUntouched() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        let text = directory.url.appendingPathComponent("notes.txt")
        let original = Data(String(repeating: "these are my notes, not a database\n", count: 200).utf8)
        try original.write(to: text)
        let result = try crisis.run(["note", "hello", "--db", text.path])
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("not a crisis database"))
        #expect(try Data(contentsOf: text) == original)

        let other = directory.url.appendingPathComponent("other.sqlite")
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [other.path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let before = try Data(contentsOf: other)
        let onOther = try crisis.run(["open", "x", "--severity", "1", "--db", other.path])
        #expect(onOther.status != 0)
        #expect(onOther.stderrLines.count == 1)
        #expect(onOther.stderr.contains("another program"))
        #expect(try Data(contentsOf: other) == before)
        #expect(!FileManager.default.fileExists(atPath: other.path + "-wal"))
    }

    @Test func controlCharactersAreStoredButNeverPrintedRaw() throws {
        let (directory, crisis) = try incidentWithOneNote()
        _ = directory
        let hostile = "title \u{1B}]0;pwned\u{07} clear \u{1B}[2J osc52 \u{1B}]52;c;ZXZpbA==\u{07} c1 \u{9B}31m bidi \u{202E}txt.exe\u{202C} bs \u{08}\u{08} cr \r"
        try crisis.ok(["note", hostile])
        for arguments in [["log"], ["show"], ["list"], ["log", "--json"], ["show", "--json"]] {
            let output = try crisis.ok(arguments)
            let raw = output.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) }
            #expect(raw.isEmpty, "crisis \(arguments.joined(separator: " ")) printed raw controls: \(raw.map { String($0.value, radix: 16) })")
        }
        #expect(try crisis.ok(["log"]).contains("␛]0;pwned␇"))
        #expect(try crisis.ok(["log"]).contains("<U+202E>"))
        // Stored faithfully: the JSON escapes carry the original characters.
        let json = try crisis.ok(["log", "--json"])
        let last = try #require(json.split(separator: "\n").last)
        let object = try #require(JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        #expect(object["text"] as? String == hostile)
    }

    @Test func invalidUTF8IsStoredWithReplacementCharacters() throws {
        let (directory, crisis) = try incidentWithOneNote()
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "\"$CRISIS_BINARY\" note \"bad $(printf '\\377\\376') bytes\""]
        shell.environment = crisis.environment.merging(["CRISIS_BINARY": CrisisProcess.binary.path]) { $1 }
        shell.currentDirectoryURL = directory.url
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(try crisis.ok(["log"]).contains("bad \u{FFFD}"))
    }
}
