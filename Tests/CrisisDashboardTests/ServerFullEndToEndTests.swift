import CrisisTestSupport
import Foundation
import Testing

/// A war room on a small PostgreSQL server (`max_connections = 12`: 9 slots for crisis, 3 kept for
/// superusers), in real terminals: every terminal holds one connection, the command past the limit says so in
/// one line, and a dashboard started while the server is full waits, takes what is typed, and attaches once a
/// slot frees (issue 18).
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed: apt-get install tmux"),
       .enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
struct ServerFullEndToEndTests {
    static let maxConnections = 12
    static let reserved = 3

    /// Client connections of role crisis by application name, as the superuser sees them.
    private func connections(_ server: PostgresTestServer) throws -> [String: Int] {
        let rows = try PostgresTestServer.psql(PostgresTestServer.administratorURL(of: server.url), """
            SELECT application_name, count(*) FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND usename = 'crisis' GROUP BY 1
            """)
        var counts: [String: Int] = [:]
        for row in rows.split(separator: "\n") {
            let fields = row.split(separator: "|", omittingEmptySubsequences: false)
            if fields.count == 2, let count = Int(fields[1]) { counts[String(fields[0])] = count }
        }
        return counts
    }

    /// Polls `condition` for up to 60 s (a debug binary starting nine times on two cores is slow).
    private func eventually(_ what: String, _ why: @autoclosure () -> String = "",
                            _ condition: () throws -> Bool) throws {
        for _ in 0..<600 {
            if try condition() { return }
            usleep(100_000)
        }
        throw E2EError("never saw \(what) \(why())")
    }

    private func texts(_ world: World) throws -> [String] {
        try world.crisis(["log", "--json"]).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        }
    }

    private func dashboard(_ world: World, as author: String, _ arguments: String = "") throws -> Tmux {
        let tmux = try Tmux(width: 120, height: 40, environment: world.environment)
        try tmux.startShell(width: 120, height: 40, prompt: "pg$ ")
        try tmux.type("\(world.binary.path) dashboard --incident 1 --as \(author) \(arguments)", enter: true)
        return tmux
    }

    @Test func everyTerminalHoldsOneConnectionAndTheOnePastTheLimitIsToldOrWaits() throws {
        let server = try PostgresTestServer.start(maxConnections: Self.maxConnections)
        defer { try? server.stop() }
        let world = try World(database: server.url)
        defer { world.tearDown() }
        try world.crisis(["open", "Checkout fails", "--severity", "2", "--owner", "Dana", "--phone", "+1 555 0100"])
        let slots = Self.maxConnections - Self.reserved

        // Three dashboards (an engineer, the account manager, a wall) and six followers fill every slot.
        var screens: [Tmux] = []
        defer { screens.forEach { $0.kill() } }
        screens.append(try dashboard(world, as: "eng", "--channel technical"))
        screens.append(try dashboard(world, as: "am", "--channel business"))
        screens.append(try dashboard(world, as: "wall", "--read-only --big"))
        for screen in screens {
            try screen.waitFor("a dashboard") { $0.contains("NEXT UPDATE") }
        }
        var followers: [BackgroundProcess] = []
        defer { followers.forEach { $0.kill() } }
        for _ in 0..<(slots - screens.count) {
            followers.append(try BackgroundProcess(world.binary.path, ["log", "--follow", "--incident", "1"],
                                                   environment: world.environment))
        }
        // Each has shown the log. (Not counted on the server meanwhile: the superuser's psql would take a slot
        // too, and leave one follower without.)
        try eventually("every follower's log", "stderr: \(followers.map(\.stderr).filter { !$0.isEmpty })") {
            followers.allSatisfy { $0.stdout.contains("opened SEV2") }
        }
        // One connection each: the dashboard listens, reads and writes on the one it holds.
        #expect(try connections(server) == ["crisis dashboard": 3, "crisis log": slots - 3])
        // Idle, a dashboard sends nothing: LISTEN only, while its loop ticks the countdown every second.
        let lastQueries = "SELECT string_agg(query_start::text, ',' ORDER BY pid) FROM pg_stat_activity WHERE application_name = 'crisis dashboard'"
        let admin = PostgresTestServer.administratorURL(of: server.url)
        // (Once the start is over: each checks the hash chain of what it shows right after its first frame.)
        var before = try PostgresTestServer.psql(admin, lastQueries)
        for _ in 0..<10 {
            usleep(1_000_000)
            let now = try PostgresTestServer.psql(admin, lastQueries)
            if now == before { break }
            before = now
        }
        usleep(3_000_000)
        #expect(try PostgresTestServer.psql(admin, lastQueries) == before, "an idle dashboard sent a query")
        // Kept alive by the kernel while idle: every follower's socket has a keepalive timer.
        // (Only sockets to this server: a child may also hold a descriptor the test process handed down.)
        let port = try #require(server.url.split(separator: ":").last?.split(separator: "/").first)
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/ss"), "ss is not installed: apt-get install iproute2")
        let sockets = try Subprocess.run("/usr/bin/ss", ["-tnop", "state", "established", "( dport = :\(port) )"]).stdout
        for follower in followers {
            let mine = sockets.split(separator: "\n").filter { $0.contains("pid=\(follower.pid),") }
            #expect(mine.count == 1 && mine.allSatisfy { $0.contains("timer:(keepalive") },
                    "the follower's sockets: \(mine)")
        }

        // The command past the limit: one line that says what is wrong and what to do, and nothing recorded.
        let refused = try world.run(["note", "past the limit", "--as", "eng"])
        #expect(refused.status != 0)
        let lines = refused.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(refused.stderr)")
        let line = String(lines.first ?? "")
        #expect(line.contains("is full"), "\(line)")
        #expect(line.contains("max_connections is \(Self.maxConnections), \(Self.reserved) of them kept for superusers"), "\(line)")
        // As this machine last saw them: the last process to connect counted the sessions before it.
        #expect(line.contains("when this machine last connected, ") && line.contains(" crisis held "), "\(line)")
        #expect(line.contains("close a terminal or raise the limit"), "\(line)")

        // The open dashboards keep working: a line typed on one shows on the others, through their one
        // connection's LISTEN.
        try screens[0].type("still working at the limit", enter: true)
        for screen in screens {
            try screen.waitFor("the line on every dashboard") { $0.contains("still working at the limit") }
        }

        // An account manager's dashboard started now waits, says why, and takes a briefing, asked as the
        // composer asks it (the text, the next update, why then), into the outbox.
        let late = try dashboard(world, as: "late", "--channel business")
        screens.append(late)
        try late.waitFor("the waiting line") { $0.contains("waiting for a database connection: the server is full") }
        #expect(try late.capture().contains("max_connections is \(Self.maxConnections)"))
        try late.type("Typed while the server was full: payments recover", enter: true)
        try late.waitFor("the next update question") { $0.contains("next update (") }
        try late.type("25m", enter: true)
        try late.waitFor("the reason question") { $0.contains("why then?") }
        try late.type("the failover takes 20 minutes", enter: true)
        try late.waitFor("the entry queued") { $0.contains("queued for INC-1") }

        // A terminal closes: the waiting dashboard attaches by itself and sends the briefing, once.
        followers.removeLast().kill()
        try late.waitFor("the dashboard, attached") { $0.contains("NEXT UPDATE") && $0.contains("Typed while the server was full") }
        for screen in screens.prefix(2) {
            try screen.waitFor("the late briefing everywhere") { $0.contains("late Typed while the server was full") }
        }
        #expect(try connections(server)["crisis dashboard"] == 4)
        // Read once a slot is free again.
        followers.removeLast().kill()
        try eventually("a free slot") { (try connections(server).values.reduce(0, +)) < slots }
        #expect(try texts(world) == ["still working at the limit", "Typed while the server was full: payments recover"])
        let briefing = try world.crisis(["log", "--json"]).split(separator: "\n").last.map(String.init) ?? ""
        #expect(briefing.contains("the failover takes 20 minutes"), "\(briefing)")
    }
}
