import CrisisTestSupport
import Foundation
import Testing

/// Issue 13: a reminder is recorded exactly once however many processes race to fire it, and only the
/// process whose append won runs the hook. Eight `crisis watch --once` processes start at the same moment,
/// all seeing the same promise fall due.
@Suite struct ReminderRaceTests {
    /// A hook that leaves one line per run, with the contact it was given, and keeps the JSON it read.
    static func installHook(_ name: String, in directory: TemporaryDirectory, body: String? = nil) throws -> URL {
        let hooks = directory.url.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        let hook = hooks.appendingPathComponent(name)
        let script = body ?? """
            #!/bin/sh
            cat > "$(dirname "$0")/../input-$$.json"
            echo "$CRISIS_HOOK $CRISIS_INCIDENT $CRISIS_CONTACT_NAME|$CRISIS_CONTACT_PHONE" >> "$(dirname "$0")/../runs.txt"
            """
        try script.write(to: hook, atomically: true, encoding: .utf8)
        chmod(hook.path, 0o755)
        return hooks
    }

    /// "Now" for the watchers: `minutes` after the real moment the incident was opened.
    static func later(_ minutes: Double) -> String {
        ISO8601DateFormatter().string(from: Date().addingTimeInterval(minutes * 60))
    }

    func eightWatchersRecordOneReminderAndRunOneHook(database: (TemporaryDirectory) throws -> String) throws {
        let directory = try TemporaryDirectory()
        var crisis = CrisisProcess(directory: directory.url, database: try database(directory))
        let hooks = try Self.installHook("update-due", in: directory)
        crisis.environment["CRISIS_HOOKS_DIR"] = hooks.path
        try crisis.ok(["open", "Checkout fails for EU cards", "--severity", "2", "--owner", "Dana Ops", "--phone", "+1 555 0100"])
        try crisis.ok(["role", "comms", "Marc Weber", "--phone", "+49 30 1234"])

        // 31 minutes on, the first update (due after the SEV2 cadence of 30 minutes) is due.
        let now = Self.later(31)
        let watchers = try (1...8).map { number in
            try BackgroundProcess(CrisisProcess.binary.path, ["watch", "--once"],
                                  environment: crisis.environment.merging(["CRISIS_NOW": now, "CRISIS_AUTHOR": "watch\(number)"]) { $1 })
        }
        for watcher in watchers {
            #expect(watcher.wait() == 0, "crisis watch --once: \(watcher.stderr)")
        }

        let events = try crisis.ok(["log", "--json"]).split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let reminders = events.filter { $0["kind"] as? String == "reminder" }
        #expect(reminders.count == 1, "one reminder, whoever fired it: \(reminders)")
        let runs = try String(contentsOf: directory.url.appendingPathComponent("runs.txt"), encoding: .utf8)
            .split(separator: "\n")
        #expect(runs == ["update-due INC-1 Marc Weber|+49 30 1234"], "exactly one hook run, for the communications lead")
        // The hook read the event and the incident as JSON.
        let inputs = try FileManager.default.contentsOfDirectory(atPath: directory.path("")).filter { $0.hasPrefix("input-") }
        #expect(inputs.count == 1)
        let inputFile = try #require(inputs.first)
        let inputData = try Data(contentsOf: directory.url.appendingPathComponent(inputFile))
        let input = try #require(try JSONSerialization.jsonObject(with: inputData) as? [String: Any])
        #expect(input["hook"] as? String == "update-due")
        let reminder = try #require(input["reminder"] as? [String: Any])
        #expect(reminder["stage"] as? String == "due")
        #expect((reminder["recipient"] as? [String: Any])?["name"] as? String == "Marc Weber")
        let incident = try #require(input["incident"] as? [String: Any])
        #expect(incident["id"] as? String == "INC-1")
        #expect((incident["commsLead"] as? [String: Any])?["name"] as? String == "Marc Weber")
        // A second round of looks at the same moment records nothing more.
        let again = try crisis.run(["watch", "--once"], extraEnvironment: ["CRISIS_NOW": now])
        #expect(again.status == 0, "\(again.stderr)")
        let after = try crisis.ok(["log"]).split(separator: "\n").filter { $0.contains("reminded") }
        #expect(after.count == 1)
        #expect(after.first?.contains("reminded Marc Weber (+49 30 1234): the update to the customer due now") == true, "\(after)")
    }

    @Test func onSQLite() throws {
        try eightWatchersRecordOneReminderAndRunOneHook { $0.path("crisis.db") }
    }

    @Test(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
    func onPostgreSQL() throws {
        try eightWatchersRecordOneReminderAndRunOneHook { _ in try PostgresTestServer.shared.get().freshDatabase() }
    }
}
