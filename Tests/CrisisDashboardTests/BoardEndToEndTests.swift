import CrisisTestSupport
import Foundation
import Testing

/// The commander's board, the real binary in a real terminal: incidents opened and closed by other processes
/// appear and leave while it follows, and Enter and Esc move between the board and an incident's split view
/// in the same process, on SQLite and on PostgreSQL.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed: apt-get install tmux"))
struct BoardEndToEndTests {
    enum Store: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
        static var available: [Store] { PostgresTestServer.isAvailable ? allCases : [.sqlite] }
    }

    /// The board's PostgreSQL runs are reported skipped where there is no server, never passed silently.
    @Test(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
    func postgresqlIsThere() throws {
        _ = try PostgresTestServer.shared.get()
    }

    @Test(arguments: Store.available)
    func theBoardFollowsOtherProcessesAndOpensIncidentsInPlace(store: Store) throws {
        let world = try World(database: store == .postgres ? try PostgresTestServer.shared.get().freshDatabase() : nil)
        defer { world.tearDown() }
        try world.crisis(["open", "Checkout fails for EU", "--severity", "1", "--customer", "Northwind",
                          "--owner", "Dana Reyes", "--phone", "+1 555 0100"])
        try world.crisis(["open", "Search is slow", "--severity", "3", "--customer", "Globex", "--cadence", "2m"])
        let tmux = try Tmux(width: 120, height: 40, environment: world.environment)
        defer { tmux.kill() }
        try tmux.startShell(width: 120, height: 40, prompt: "board$ ")

        // Two incidents open and none named: the dashboard is the board.
        try tmux.type("\(world.binary.path) dashboard --as ic", enter: true)
        try tmux.waitFor("the board with both incidents") {
            $0.contains("CRISIS BOARD · 2 open") && $0.contains("INC-1") && $0.contains("INC-2")
        }
        let rows = try tmux.rows()
        let first = try #require(rows.firstIndex { $0.contains("INC-2") }), second = try #require(rows.firstIndex { $0.contains("INC-1") })
        #expect(first < second, "the sooner promise (INC-2, every 2m) first")
        #expect(rows[second].contains("Dana Reyes") && rows[first].contains("no owner"))

        // A fire opened in another terminal appears, said on the status line; its missing owner shouts.
        try world.crisis(["open", "Payments time out", "--severity", "2", "--customer", "Initech", "--as", "bo"])
        try tmux.waitFor("the new incident") {
            $0.contains("CRISIS BOARD · 3 open") && $0.contains("opened: INC-3 SEV2 Payments time out") && $0.contains("NO OWNER")
        }

        // Enter on the chosen row opens its split view in the same process; a note typed there is posted.
        try tmux.keys(["Down"])
        try tmux.keys(["Enter"])
        try tmux.waitFor("INC-1's split view") {
            $0.contains("Checkout fails for EU · Northwind") && $0.contains("TECHNICAL") && $0.contains("Esc board")
        }
        try tmux.type("typed from the board's view", enter: true)
        try tmux.waitFor("the note") { $0.contains("ic typed from the board's view") }
        #expect(try world.crisis(["log", "--incident", "1"]).contains("typed from the board's view"))

        // Esc with nothing typed goes back to the board, which kept following meanwhile.
        try world.crisis(["note", "meanwhile on INC-2", "--incident", "2", "--as", "bo"])
        try tmux.keys(["Escape"])
        try tmux.waitFor("the board again") { $0.contains("CRISIS BOARD · 3 open") }
        #expect(try tmux.query("#{alternate_on}") == "1", "still the same screen: the process never restarted")

        // A number key opens that row; /incident opens any incident; Esc comes back each time.
        try tmux.type("3")
        try tmux.waitFor("the third row's incident") { $0.contains("Payments time out · Initech") && $0.contains("Esc board") }
        try tmux.keys(["Escape"])
        try tmux.waitFor("the board") { $0.contains("CRISIS BOARD") }
        try tmux.type("/incident 2", enter: true)
        try tmux.waitFor("INC-2") { $0.contains("Search is slow") && $0.contains("meanwhile on INC-2") }
        try tmux.keys(["Escape"])
        try tmux.waitFor("the board") { $0.contains("CRISIS BOARD") }

        // Closed elsewhere, an incident leaves the board.
        try world.crisis(["close", "--unconfirmed", "--why", "the customer moved on", "--incident", "2", "--as", "bo"])
        try tmux.waitFor("INC-2 gone") {
            $0.contains("CRISIS BOARD · 2 open") && !$0.contains("Globex") && $0.contains("closed: INC-2 Search is slow")
        }

        // A filter, kept for this person's next board.
        try tmux.type("/filter initech", enter: true)
        try tmux.waitFor("the filter") { $0.contains("filter: initech (1 hidden)") && !$0.contains("Checkout fails") }
        try tmux.type("q")
        try tmux.waitFor("the shell again") { $0.contains("board$") && !$0.contains("CRISIS BOARD") }
        #expect(try tmux.query("#{alternate_on}") == "0", "the terminal is given back")
        try tmux.type("\(world.binary.path) board --as ic", enter: true)
        try tmux.waitFor("the kept filter") { $0.contains("filter: initech") && $0.contains("Payments time out") }
        try tmux.type("/filter", enter: true)
        try tmux.waitFor("every incident") { $0.contains("Checkout fails") && $0.contains("showing every open incident") }
        try tmux.keys(["C-c"])
        try tmux.waitFor("the shell again") { $0.contains("board$") && !$0.contains("CRISIS BOARD") }
    }

    @Test func theWallBoardOpensIncidentsReadOnlyAndBComesBack() throws {
        let world = try World()
        defer { world.tearDown() }
        try world.crisis(["open", "Checkout fails for EU", "--severity", "1", "--customer", "Northwind"])
        try world.crisis(["open", "Search is slow", "--severity", "3", "--customer", "Globex"])
        let tmux = try Tmux(width: 200, height: 60, environment: world.environment)
        defer { tmux.kill() }
        try tmux.startShell(width: 200, height: 60, prompt: "wall$ ")
        try tmux.type("\(world.binary.path) board --read-only --big --as wall", enter: true)
        try tmux.waitFor("the wall board") { $0.contains("read-only") && $0.contains("██") && $0.contains("next update") }
        try tmux.keys(["Enter"])
        try tmux.waitFor("a read-only incident") {
            $0.contains("Checkout fails for EU · Northwind") && $0.contains("TECHNICAL") && !$0.contains("note›")
        }
        try tmux.type("b")
        try tmux.waitFor("the board") { $0.contains("CRISIS BOARD · 2 open") }
        try tmux.run(["resize-window", "-x", "50", "-y", "9"])
        try tmux.waitFor("too small") { $0.contains("terminal too small for the board") }
        try tmux.run(["resize-window", "-x", "200", "-y", "60"])
        try tmux.waitFor("the board again") { $0.contains("CRISIS BOARD · 2 open") }
        try tmux.type("q")
        try tmux.waitFor("the shell") { $0.contains("wall$") && !$0.contains("CRISIS BOARD") }
    }

    /// The account manager's dashboard, focused on the business channel, becomes the board when several
    /// incidents are open; an incident opened from it is ready for a briefing.
    @Test func anIncidentOpenedFromTheBoardStartsOnTheChannelAskedFor() throws {
        let world = try World()
        defer { world.tearDown() }
        try world.crisis(["open", "Checkout fails for EU", "--severity", "1", "--customer", "Northwind"])
        try world.crisis(["open", "Search is slow", "--severity", "3", "--customer", "Globex"])
        let tmux = try Tmux(width: 120, height: 40, environment: world.environment)
        defer { tmux.kill() }
        try tmux.startShell(width: 120, height: 40, prompt: "am$ ")
        try tmux.type("\(world.binary.path) dashboard --channel business --as mia", enter: true)
        try tmux.waitFor("the board") { $0.contains("CRISIS BOARD · 2 open") }
        try tmux.keys(["Enter"])
        try tmux.waitFor("the business channel, ready for a briefing") { $0.contains("briefing›") && $0.contains("Esc board") }
    }

    /// With the board up and no incident on screen, every open incident's reminders are still recorded (the
    /// board looks at them all, as `crisis watch` does), while a read-only wall writes nothing.
    @Test func theBoardKeepsEveryOpenIncidentsPromiseNotOnlyTheOneOnScreen() throws {
        let world = try World()
        defer { world.tearDown() }
        let opening = ["CRISIS_NOW": "2026-11-23T13:00:00Z"]
        try world.crisis(at: opening, ["open", "Checkout fails for EU", "--severity", "2", "--owner", "Dana Reyes", "--phone", "+1 555 0100"])
        try world.crisis(at: opening, ["open", "Search is slow", "--severity", "3", "--owner", "Lee Park", "--phone", "+1 555 0101"])
        // 13:40: INC-1's first update (due 13:30) is overdue; INC-2's (due 14:00) is not.
        let late = world.environment.merging(["CRISIS_NOW": "2026-11-23T13:40:00Z"]) { $1 }
        let wall = try Tmux(width: 200, height: 60, environment: late)
        defer { wall.kill() }
        try wall.startShell(width: 200, height: 60, prompt: "wall$ ")
        try wall.type("\(world.binary.path) board --read-only --big --as wall", enter: true)
        try wall.waitFor("the wall") { $0.contains("OVERDUE +10:00") }
        Thread.sleep(forTimeInterval: 2) // Two looks' worth: a wall must not have written anything.
        #expect(!(try world.crisis(["log", "--incident", "1"])).contains("reminded"), "a read-only wall records nothing")

        let desk = try Tmux(width: 120, height: 40, environment: late)
        defer { desk.kill() }
        try desk.startShell(width: 120, height: 40, prompt: "desk$ ")
        try desk.type("\(world.binary.path) board --as ic", enter: true)
        try desk.waitFor("the board") { $0.contains("CRISIS BOARD · 2 open") }
        var log = ""
        for _ in 0..<200 where !log.contains("reminded") {
            log = try world.crisis(["log", "--incident", "1"])
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(log.contains("reminded Dana Reyes (+1 555 0100): the update to the customer OVERDUE"), "\(log)")
        #expect(!(try world.crisis(["log", "--incident", "2"])).contains("reminded"), "INC-2 owes nothing yet")
    }
}
