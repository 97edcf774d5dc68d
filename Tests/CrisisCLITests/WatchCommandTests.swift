import CrisisTestSupport
import Foundation
import Testing

/// `crisis watch` runs for days (issue 13): it logs lines people and journald can read, re-reads its hooks on
/// SIGHUP, stops cleanly on SIGTERM, and waits out a store that goes away.
@Suite struct WatchCommandTests {
    /// Polls `process`'s stderr until `condition` holds.
    static func waitForLog(_ process: BackgroundProcess, _ what: String, _ condition: (String) -> Bool) throws {
        for _ in 0..<600 {
            if condition(process.stderr) { return }
            usleep(50_000)
        }
        Issue.record("never logged \(what); stderr was:\n\(process.stderr)")
        throw CancellationError()
    }

    @Test func jsonLogLinesAreOneObjectEach() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(["open", "Checkout fails", "--severity", "2", "--owner", "Dana Ops", "--phone", "+1 555 0100"])
        try crisis.ok(["note", "evil \u{1B}[2J note"])
        let watch = try crisis.run(["watch", "--once", "--log-format", "json"],
                                   extraEnvironment: ["CRISIS_NOW": ReminderRaceTests.later(31)])
        #expect(watch.status == 0, "\(watch.stderr)")
        let objects = try watch.stderrLines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        }
        #expect(objects.count >= 2)
        #expect(objects.allSatisfy { $0["time"] != nil && $0["level"] == "info" && $0["message"] != nil })
        #expect(objects.contains { $0["message"]?.contains("reminded Dana Ops (+1 555 0100): the update to the customer due now") == true })
        #expect(!watch.stderr.contains("\u{1B}"))
    }

    /// Found in review: a refused delivery and a failing hook were logged as `info`, like a success, so
    /// `journalctl -p warning` showed neither.
    @Test func failuresAreLoggedAboveInfo() throws {
        let directory = try TemporaryDirectory()
        var crisis = CrisisProcess(directory: directory.url)
        let hooks = try ReminderRaceTests.installHook("briefing-posted", in: directory, body: "#!/bin/sh\nexit 3\n")
        crisis.environment["CRISIS_HOOKS_DIR"] = hooks.path
        let sendmail = directory.url.appendingPathComponent("sendmail")
        try "#!/bin/sh\ncat > /dev/null\necho 'no such user' >&2\nexit 67\n".write(to: sendmail, atomically: true, encoding: .utf8)
        chmod(sendmail.path, 0o755)
        crisis.environment["CRISIS_SENDMAIL"] = sendmail.path
        try crisis.ok(["open", "Checkout fails", "--severity", "2", "--owner", "Dana Ops", "--phone", "+1 555 0100"])
        try crisis.ok(["subscribe", "jane@acme.example"])
        // Hooks run for what is logged while the watch runs.
        let watch = try BackgroundProcess(CrisisProcess.binary.path, ["watch", "--every", "0.2", "--log-format", "json"],
                                          environment: crisis.environment)
        defer { if watch.isRunning { watch.kill() } }
        try Self.waitForLog(watch, "the start") { $0.contains("hooks in") }
        try crisis.ok(["brief", "Card payments fail; failing over.", "--next", "30m", "--why", "failover takes 20 minutes"])
        try Self.waitForLog(watch, "the hook's failure and the delivery") {
            $0.contains("hook briefing-posted failed") && $0.contains("U1 \u{2192} jane@acme.example")
        }
        watch.kill(SIGTERM)
        let objects = try watch.stderr.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        }
        let hook = objects.first { $0["message"]?.contains("hook briefing-posted failed") == true }
        #expect(hook?["level"] == "warning", "\(watch.stderr)")
        let delivery = objects.first { $0["message"]?.contains("U1 \u{2192} jane@acme.example") == true }
        #expect(delivery?["level"] == "error", "\(watch.stderr)")
        #expect(objects.filter { $0["level"] == "info" }.allSatisfy { $0["message"]?.contains("failed") != true })
    }

    /// journald takes a line's priority from a `<N>` prefix alone (found in review: the README promised
    /// `journalctl -p warning`, and every line was stored at info).
    @Test func underSystemdEachLineCarriesItsSyslogPriority() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(["open", "Checkout fails", "--severity", "2"])
        let watch = try crisis.run(["watch", "--once"], extraEnvironment: ["JOURNAL_STREAM": "8:12345"])
        #expect(watch.status == 0)
        #expect(!watch.stderrLines.isEmpty && watch.stderrLines.allSatisfy { $0.hasPrefix("<6>") }, "\(watch.stderr)")
        #expect(try crisis.run(["watch", "--once"]).stderrLines.allSatisfy { !$0.hasPrefix("<") }, "not outside systemd")
    }

    @Test func anUnknownLogFormatIsRefusedInOneLine() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        let watch = try crisis.run(["watch", "--log-format", "xml"])
        #expect(watch.status != 0)
        #expect(watch.stderrLines.count == 1, "\(watch.stderr)")
        #expect(watch.stderr.contains("--log-format 'xml' is not known: use text or json"))
    }

    @Test func sighupRereadsTheHooksAndSigtermStopsBetweenLooks() throws {
        let directory = try TemporaryDirectory()
        var crisis = CrisisProcess(directory: directory.url)
        let hooks = directory.url.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        crisis.environment["CRISIS_HOOKS_DIR"] = hooks.path
        try crisis.ok(["open", "Checkout fails", "--severity", "2"])
        let watch = try BackgroundProcess(CrisisProcess.binary.path, ["watch", "--every", "0.2"], environment: crisis.environment)
        defer { if watch.isRunning { watch.kill() } }
        try Self.waitForLog(watch, "the start") { $0.contains("hooks in \(hooks.path) (none yet)") }
        _ = try ReminderRaceTests.installHook("briefing-posted", in: directory)
        watch.kill(SIGHUP)
        try Self.waitForLog(watch, "the reload") { $0.contains("SIGHUP: configuration read again; hooks in \(hooks.path) (briefing-posted)") }
        // The re-read hook runs for a briefing posted now, once.
        try crisis.ok(["brief", "Card payments fail; failing over.", "--next", "30m", "--why", "failover takes 20 minutes"])
        try Self.waitForLog(watch, "the hook's run") { $0.contains("hook briefing-posted ran for #") }
        watch.kill(SIGTERM)
        #expect(watch.wait() == 0)
        #expect(watch.stderr.contains("SIGTERM: stopping"))
        let runs = try String(contentsOf: directory.url.appendingPathComponent("runs.txt"), encoding: .utf8)
        #expect(runs.split(separator: "\n") == ["briefing-posted INC-1 ana|"], "no comms lead, no owner: whoever opened, without a phone")
        #expect(try crisis.ok(["log"]).contains("hook briefing-posted ran for event #2"))
    }

    /// Every event logged while the watch runs gets its hook once: in an incident opened meanwhile, and the
    /// closing of one that is then no longer open.
    @Test func hooksRunForEverythingLoggedWhileTheWatchRuns() throws {
        let directory = try TemporaryDirectory()
        var crisis = CrisisProcess(directory: directory.url)
        var hooks: URL?
        for name in ["briefing-posted", "status-changed", "role-changed"] {
            hooks = try ReminderRaceTests.installHook(name, in: directory)
        }
        crisis.environment["CRISIS_HOOKS_DIR"] = try #require(hooks).path
        try crisis.ok(["open", "Checkout fails", "--severity", "2", "--owner", "Dana Ops", "--phone", "+1 555 0100"])
        let watch = try BackgroundProcess(CrisisProcess.binary.path, ["watch", "--every", "0.2"], environment: crisis.environment)
        defer { if watch.isRunning { watch.kill() } }
        try Self.waitForLog(watch, "the start") { $0.contains("watching") }
        try crisis.ok(["open", "Search is slow", "--severity", "3", "--owner", "Lee Chen", "--phone", "+1 555 0199"])
        try crisis.ok(["brief", "Card payments fail; failing over.", "--next", "30m", "--why", "failover", "--incident", "1"])
        try crisis.ok(["status", "resolved", "--incident", "2"])
        try crisis.ok(["close", "--unconfirmed", "--why", "the customer is unreachable", "--incident", "2"])
        try Self.waitForLog(watch, "four hook runs") { $0.components(separatedBy: " ran for #").count == 5 }
        usleep(600_000) // Three more looks: nothing runs twice.
        watch.kill(SIGTERM)
        #expect(watch.wait() == 0)
        let runs = try String(contentsOf: directory.url.appendingPathComponent("runs.txt"), encoding: .utf8)
            .split(separator: "\n").sorted()
        #expect(runs == ["briefing-posted INC-1 Dana Ops|+1 555 0100", "role-changed INC-2 Lee Chen|+1 555 0199",
                         "status-changed INC-2 Lee Chen|+1 555 0199", "status-changed INC-2 Lee Chen|+1 555 0199"],
                "\(runs)")
    }

    @Test(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
    func aStoreThatGoesAwayIsWaitedFor() throws {
        let server = try PostgresTestServer.start()
        defer { try? server.stop() }
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url, database: server.url)
        try crisis.ok(["open", "Checkout fails", "--severity", "2", "--owner", "Dana Ops", "--phone", "+1 555 0100"])
        let watch = try BackgroundProcess(CrisisProcess.binary.path, ["watch", "--every", "0.2"],
                                          environment: crisis.environment.merging(["CRISIS_NOW": ReminderRaceTests.later(31)]) { $1 })
        defer { if watch.isRunning { watch.kill() } }
        try Self.waitForLog(watch, "the first reminder") { $0.contains("reminded Dana Ops") }
        try server.stop()
        try Self.waitForLog(watch, "the outage") { $0.contains("the store cannot be read") }
        #expect(watch.isRunning, "the watcher waits for the store")
        // Logged once, not once per look.
        usleep(1_000_000)
        #expect(watch.stderr.components(separatedBy: "the store cannot be read").count == 2, "\(watch.stderr)")
        try server.restart()
        try Self.waitForLog(watch, "the return") { $0.contains("the store answers again") }
        watch.kill(SIGTERM)
        #expect(watch.wait() == 0)
        let reminders = try crisis.ok(["log"]).split(separator: "\n").filter { $0.contains("reminded") }
        #expect(reminders.count == 1, "the outage made no reminder fire twice: \(reminders)")
    }
}
