import CrisisTestSupport
import Foundation
import Testing

/// Issue 13, end to end: two dashboards and `crisis watch` run while a promise falls due. Exactly one
/// reminder is recorded and exactly one hook runs, both dashboards show the banner, and `/ack` and
/// `/snooze` typed in one dashboard clear it on both. "Now" is fixed (CRISIS_NOW) so nothing waits for
/// a countdown.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed: apt-get install tmux"))
struct ReminderEndToEndTests {
    @Test func twoDashboardsAndAWatcherShareOneReminder() throws {
        let world = try World()
        defer { world.tearDown() }
        let hooks = world.directory.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        let runs = world.directory.appendingPathComponent("runs.txt")
        for name in ["update-due-soon", "deadline-due"] {
            let hook = hooks.appendingPathComponent(name)
            try "#!/bin/sh\necho \"$CRISIS_HOOK $CRISIS_CONTACT_NAME\" >> '\(runs.path)'\n".write(to: hook, atomically: true, encoding: .utf8)
            chmod(hook.path, 0o755)
        }
        // Opened at 13:00; the first update is due at 13:30 (SEV2); D1 was due at 13:20.
        let opening = ["CRISIS_NOW": "2026-11-23T13:00:00Z"]
        try world.crisis(at: opening, ["open", "Checkout fails for EU", "--severity", "2", "--owner", "Dana Reyes",
                                       "--phone", "+1 555 0100"])
        try world.crisis(at: opening, ["role", "comms", "Marc Weber", "--phone", "+49 30 1234"])
        try world.crisis(at: opening, ["deadline", "13:20", "check the failover lag", "--as", "ana"])

        // 13:26: due soon for the update, and D1 overdue. Everyone sees the same moment.
        let environment = world.environment.merging(["CRISIS_NOW": "2026-11-23T13:26:00Z", "CRISIS_HOOKS_DIR": hooks.path]) { $1 }
        let first = try Tmux(width: 120, height: 40, environment: environment)
        let second = try Tmux(width: 120, height: 40, environment: environment)
        defer { first.kill(); second.kill() }
        try first.startShell(width: 120, height: 40, prompt: "a$ ")
        try second.startShell(width: 120, height: 40, prompt: "b$ ")
        let watch = try BackgroundProcess(world.binary.path, ["watch", "--every", "0.2"],
                                          environment: environment.merging(["CRISIS_AUTHOR": "watch"]) { $1 })
        defer { watch.kill(SIGTERM) }
        // Every bell either terminal hears is written down by tmux.
        let bells = (first: world.directory.appendingPathComponent("bells-first"), second: world.directory.appendingPathComponent("bells-second"))
        try first.run(["set-hook", "-g", "alert-bell", "run-shell 'echo bell >> \(bells.first.path)'"])
        try second.run(["set-hook", "-g", "alert-bell", "run-shell 'echo bell >> \(bells.second.path)'"])
        try first.type("\(world.binary.path) dashboard --as marc --channel business", enter: true)
        try second.type("\(world.binary.path) dashboard --as ana --no-bell", enter: true)

        for (name, tmux) in [("first", first), ("second", second)] {
            try tmux.waitFor("the banner on the \(name) dashboard") { screen in
                screen.contains("2 REMINDERS  Dana Reyes")
            }
        }
        let log = try world.crisis(["log"]).split(separator: "\n")
        let reminders = log.filter { $0.contains("reminded") }
        #expect(reminders.count == 2, "one reminder per subject, whoever fired it: \(reminders)")
        #expect(reminders.contains { $0.contains("reminded Marc Weber (+49 30 1234): the update to the customer due") })
        #expect(reminders.contains { $0.contains("reminded Dana Reyes (+1 555 0100): D1 \"check the failover lag\" due") },
                "no deadline owner and no technical lead: the owner")
        try waitForFile(runs) { $0.split(separator: "\n").count >= 2 }
        usleep(500_000) // Any second run would have been written by now.
        let ran = try String(contentsOf: runs, encoding: .utf8).split(separator: "\n").sorted()
        #expect(ran == ["deadline-due Dana Reyes", "update-due-soon Marc Weber"], "one hook run per reminder")

        // The newest reminder (D1) is acknowledged from the first dashboard; both banners then show the update's.
        try first.type("/ack", enter: true)
        for tmux in [first, second] {
            try tmux.waitFor("the update's reminder alone") { screen in
                screen.contains(" REMINDER  Marc Weber") && !screen.contains("REMINDERS")
            }
        }
        // A snooze longer than the time left is refused with one line; a shorter one clears both banners.
        try first.type("/snooze 10m", enter: true)
        try first.waitFor("the refusal") { $0.contains("outlasts the time left") }
        try first.keys(["C-u"])
        try first.type("/snooze 3m", enter: true)
        for tmux in [first, second] {
            try tmux.waitFor("no banner") { !$0.contains("REMINDER") && $0.contains("NEXT UPDATE") }
        }
        // A reminder that arrives while both run (the update falls due at 13:30; a watcher looks at 13:31)
        // rings the first terminal's bell, and not the second's, started with --no-bell.
        let ringsBefore = (try? String(contentsOf: bells.first, encoding: .utf8))?.split(separator: "\n").count ?? 0
        try world.crisis(at: ["CRISIS_NOW": "2026-11-23T13:31:00Z", "CRISIS_HOOKS_DIR": hooks.path], ["watch", "--once"])
        try first.waitFor("the due reminder in the business pane") { $0.contains("13:31 crisis reminded Marc Weber") }
        try waitForFile(bells.first) { $0.split(separator: "\n").count > ringsBefore }
        try second.waitFor("the due reminder in the second dashboard") { $0.contains("crisis reminded Marc Weber") }
        usleep(300_000)
        #expect(!FileManager.default.fileExists(atPath: bells.second.path), "--no-bell rang the bell")
        let after = try world.crisis(["log"])
        #expect(after.contains("marc: acknowledged the reminder of D1 \"check the failover lag\" (deadline due)"))
        #expect(after.contains("marc: snoozed reminders of the update to the customer until"))
        #expect(after.components(separatedBy: "reminded").count == 4, "nothing fired twice: due soon, D1, due")
        // The watcher logged what it did and stops cleanly on SIGTERM.
        watch.kill(SIGTERM)
        #expect(watch.wait() == 0)
        #expect(watch.stderr.contains("SIGTERM: stopping"), "\(watch.stderr)")
    }

    private func waitForFile(_ url: URL, _ condition: (String) -> Bool) throws {
        for _ in 0..<200 {
            if let text = try? String(contentsOf: url, encoding: .utf8), condition(text) { return }
            usleep(50_000)
        }
        throw E2EError("\(url.lastPathComponent) never had what was expected")
    }
}

extension World {
    /// Runs `crisis` with `extra` in the environment.
    @discardableResult
    func crisis(at extra: [String: String], _ arguments: [String]) throws -> String {
        let result = try Self.execute(binary, arguments, environment: environment.merging(extra) { $1 })
        guard result.status == 0 else {
            throw E2EError("crisis \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }
}
