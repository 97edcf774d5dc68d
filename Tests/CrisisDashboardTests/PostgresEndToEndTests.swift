import CrisisTestSupport
import Foundation
import Testing

/// The dashboard on a team's PostgreSQL server, in a real terminal: following another host's posts, and an
/// outage of the server while people keep typing.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed: apt-get install tmux"),
       .enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
struct PostgresEndToEndTests {
    private func texts(_ world: World) throws -> [String] {
        try world.crisis(["log", "--json"]).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        }
    }

    @Test func aServerRestartLosesAndDuplicatesNothing() throws {
        let server = try PostgresTestServer.start()
        defer { try? server.stop() }
        let world = try World(database: server.url)
        defer { world.tearDown() }
        try world.crisis(["open", "Checkout fails", "--severity", "2", "--owner", "Dana", "--phone", "+1 555 0100"])
        let tmux = try Tmux(width: 120, height: 40, environment: world.environment)
        defer { tmux.kill() }
        try tmux.startShell(width: 120, height: 40, prompt: "pg$ ")
        try tmux.type("\(world.binary.path) dashboard --as tester", enter: true)
        try tmux.waitFor("the dashboard") { $0.contains("NEXT UPDATE") && $0.contains("Dana") }

        // Another host (another process) posts: LISTEN/NOTIFY brings it without a key press.
        try world.crisis(["note", "from another host", "--as", "bo"])
        try tmux.waitFor("the other host's note") { $0.contains("bo from another host") }

        // The server goes down; the dashboard says so and keeps what is typed.
        try server.stop()
        try tmux.type("typed while offline one", enter: true)
        try tmux.waitFor("the offline badge") { $0.contains("OFFLINE since") }
        try tmux.type("typed while offline two", enter: true)
        try tmux.waitFor("two entries waiting") { $0.contains("2 queued") }
        #expect(try tmux.capture().contains("NEXT UPDATE"), "the countdown stays on screen while offline")
        // What the session does on its own is shown on the screen, never written over it on stderr.
        #expect(!(try tmux.capture()).contains("crisis: "), "a line on stderr over the screen")

        // Back up: a line typed the moment the server is back lands after the older lines still waiting in
        // the outbox (issue 12: it used to overtake them while the follower's retry was still asleep), then
        // the dashboard catches up.
        try server.restart()
        try tmux.type("typed once it was back", enter: true)
        try tmux.waitFor("the queued entries on screen, online again") { screen in
            screen.contains("tester typed once it was back") && !screen.contains("OFFLINE")
        }
        #expect(!(try tmux.capture()).contains("crisis: "), "a line on stderr over the screen")
        try world.crisis(["note", "after the restart", "--as", "bo"])
        try tmux.waitFor("a post after the restart") { $0.contains("bo after the restart") }
        // Two Enters in quick succession land in the order they were typed.
        // (One send-keys: tmux sends what is not a key name as text.)
        try tmux.keys(["quick one", "Enter", "quick two", "Enter"])
        try tmux.waitFor("both quick lines") { $0.contains("tester quick two") && $0.contains("tester quick one") }
        #expect(try texts(world) == ["from another host", "typed while offline one", "typed while offline two",
                                     "typed once it was back", "after the restart", "quick one", "quick two"])

        // An empty composer and nothing waiting: Ctrl-C quits at once.
        try tmux.keys(["C-c"])
        try tmux.waitFor("the shell prompt after the dashboard") { !$0.contains("NEXT UPDATE") && $0.contains("pg$ ") }
    }

    @Test func quittingWithUnsentEntriesKeepsThemForTheNextStart() throws {
        let server = try PostgresTestServer.start()
        defer { try? server.stop() }
        let world = try World(database: server.url)
        defer { world.tearDown() }
        try world.crisis(["open", "Outage", "--severity", "3"])
        let tmux = try Tmux(width: 120, height: 40, environment: world.environment)
        defer { tmux.kill() }
        try tmux.startShell(width: 120, height: 40, prompt: "pg$ ")
        try tmux.type("\(world.binary.path) dashboard --as tester", enter: true)
        try tmux.waitFor("the dashboard") { $0.contains("NEXT UPDATE") }

        try server.stop()
        try tmux.type("kept for later", enter: true)
        try tmux.waitFor("one entry waiting") { $0.contains("1 queued") }
        try tmux.keys(["C-c"])
        try tmux.waitFor("the warning about the unsent entry") { $0.contains("1 entry is not sent yet") }
        try tmux.keys(["y"])
        try tmux.waitFor("the shell prompt") { !$0.contains("NEXT UPDATE") && $0.contains("pg$ ") }

        try server.restart()
        let sent = try world.run(["list"])
        #expect(sent.status == 0)
        #expect(sent.stderr.contains("sent 1 entry"))
        #expect(try texts(world) == ["kept for later"])
    }
}
