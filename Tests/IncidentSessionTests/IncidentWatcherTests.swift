import CrisisTestSupport
import Foundation
import IncidentModel
import IncidentSession
import IncidentStore
import Testing

/// `crisis watch`'s looks, driven directly: no timing decides what a look sees.
@Suite struct IncidentWatcherTests {
    /// An incident opened and closed again between two looks is never among the open ones a look lists, and its
    /// hooks ran all the same only when a look happened to fall in between (a watch test failed that way on a
    /// loaded machine, where four quick commands fit between two looks 0.2 s apart).
    @Test func anIncidentOpenedAndClosedBetweenTwoLooksGetsItsHooks() async throws {
        let fixture = try await SessionFixture(.sqlite)
        let hooks = fixture.directory.url.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        let runs = fixture.directory.path("runs.txt")
        for name in ["role-changed", "status-changed"] {
            let hook = hooks.appendingPathComponent(name)
            try "#!/bin/sh\necho \"$CRISIS_HOOK $CRISIS_INCIDENT #$CRISIS_EVENT_SEQUENCE\" >> '\(runs)'\n"
                .write(to: hook, atomically: true, encoding: .utf8)
            chmod(hook.path, 0o755)
        }
        let store = try await fixture.open()
        let session = try fixture.session(store, author: "watch")
        let watcher = IncidentWatcher(session: session, firer: ReminderFirer(session: session, program: "crisis watch",
                                                                             hooks: HookRunner(directory: hooks)))
        try await watcher.look(now: Date())

        let writer = try fixture.session(try await fixture.open(), author: "ic")
        let opening = try Command.open(title: "Search is slow", severity: 3, customer: nil, owner: "Lee Chen",
                                       phone: "+1 555 0199", cadence: nil)
        let second = try await writer.openIncident(try opening.openingPayloads())[0].incident
        _ = try await writer.post(.status(.resolved), to: second)
        _ = try await writer.post(try Command.close(unconfirmed: true, why: "the customer is unreachable"), to: second)
        try await watcher.look(now: Date())

        let ran = (try? String(contentsOfFile: runs, encoding: .utf8)) ?? ""
        let lines = ran.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("role-changed \(second)") }, "the owner named at the opening: \(lines)")
        #expect(lines.filter { $0.hasPrefix("status-changed \(second)") }.count == 2, "resolved, then closed: \(lines)")

        try await watcher.look(now: Date())
        let again = (try? String(contentsOfFile: runs, encoding: .utf8)) ?? ""
        #expect(again == ran, "a third look runs nothing twice")
    }
}
