import CrisisTestSupport
import Foundation
import Testing

/// The command line on a team's PostgreSQL server: addresses, passwords, outages and the outbox.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
struct PostgresCommandLineTests {
    @Test func theWalkthroughWorksOnTheServerToo() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url, database: try PostgresTestServer.shared.get().freshDatabase())
        #expect(try crisis.ok(["open", "Checkout failing", "--severity", "1", "--owner", "Ana", "--phone", "+1 555 0100"]) == "INC-1")
        #expect(try crisis.ok(["deadline", "check lag", "--in", "15m"]).hasPrefix("D1 due"))
        try crisis.ok(["brief", "We are rolling back", "--next", "20m", "--why", "the rollback takes 15 minutes"])
        #expect(try crisis.ok(["question", "Any config change?"]) == "Q1")
        let show = try crisis.ok(["show"])
        #expect(show.contains("NEXT UPDATE:") && show.contains("the rollback takes 15 minutes"))
        #expect(try crisis.ok(["log", "--json"]).split(separator: "\n").count == 5)
    }

    @Test func theServerKeepsTheTimeWhateverTheClientSays() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url, database: try PostgresTestServer.shared.get().freshDatabase())
        try crisis.ok(["open", "Skewed clocks", "--severity", "2"])
        // A laptop whose clock is a day behind still records the server's time.
        let skewed = try crisis.run(["note", "from a skewed laptop"], extraEnvironment: ["CRISIS_NOW": "2001-01-01T00:00:00Z"])
        #expect(skewed.status == 0)
        let log = try crisis.ok(["log", "--json"])
        #expect(!log.contains("2001-01-01"), "the client's clock reached the log: \(log)")
    }

    static let badAddresses: [(String, String)] = [
        ("postgres://crisis@127.0.0.1:1/crisis", "connection refused"),
        ("postgres://crisis@nonexistent.invalid/crisis", "cannot be resolved"),
        ("postgres://127.0.0.1/crisis", "no user"),
        ("postgres:///crisis", "no host"),
        ("postgres://crisis@127.0.0.1/crisis?sslmode=sometimes", "sslmode must be one of"),
        ("postgres://crisis@127.0.0.1:99999/crisis", "port"),
        ("mysql://crisis@127.0.0.1/crisis", "not a store crisis knows"),
    ]

    @Test(arguments: badAddresses)
    func aBadAddressIsOneClearLine(address: String, mentions: String) throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url, database: address)
        let result = try crisis.run(["list"])
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(mentions), "\(result.stderr)")
    }

    @Test func aWrongPasswordIsOneLineAndNeverPrinted() throws {
        let server = try PostgresTestServer.shared.get()
        let wrong = server.url.replacingOccurrences(of: "crisis:crisis@", with: "crisis:hunter2-wrong@")
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url, database: wrong)
        let result = try crisis.run(["note", "hello", "--incident", "1"])
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("password"))
        #expect(!result.stderr.contains("hunter2"), "the password was printed")

        // The password also comes from PGPASSWORD and ~/.pgpass.
        let bare = server.url.replacingOccurrences(of: "crisis:crisis@", with: "crisis@")
        var fromEnvironment = CrisisProcess(directory: directory.url, database: bare)
        fromEnvironment.environment["PGPASSWORD"] = "crisis"
        #expect(try fromEnvironment.run(["list"]).status == 0)
        let pgpass = directory.url.appendingPathComponent(".pgpass")
        try "# host:port:database:user:password\n*:*:*:crisis:crisis\n".write(to: pgpass, atomically: true, encoding: .utf8)
        let fromFile = CrisisProcess(directory: directory.url, database: bare)
        #expect(try fromFile.run(["list"]).status == 0)
    }

    @Test func tlsIsAsTheURLAsks() throws {
        let server = try PostgresTestServer.shared.get()
        let directory = try TemporaryDirectory()
        // The test server offers no TLS: prefer (the default) and disable connect, require refuses in one line.
        for mode in ["prefer", "disable"] {
            let crisis = CrisisProcess(directory: directory.url, database: server.url + "?sslmode=\(mode)")
            #expect(try crisis.run(["list"]).status == 0, "sslmode=\(mode)")
        }
        let strict = CrisisProcess(directory: directory.url, database: server.url + "?sslmode=require")
        let refused = try strict.run(["list"])
        #expect(refused.status != 0)
        #expect(refused.stderrLines.count == 1)
        #expect(refused.stderr.contains("does not offer TLS"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("crisis:crisis@"), "the password was printed")
    }

    @Test func anOutageQueuesWithQueueAndTheNextCommandSendsInOrder() throws {
        let server = try PostgresTestServer.start()
        defer { try? server.stop() }
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url, database: server.url)
        try crisis.ok(["open", "Outage", "--severity", "1"])
        try crisis.ok(["note", "before the outage"])
        try server.stop()

        let refused = try crisis.run(["note", "lost?"])
        #expect(refused.status != 0)
        #expect(refused.stderrLines.count == 1)
        #expect(refused.stderr.contains("cannot reach"))

        for text in ["first while down", "second while down"] {
            let queued = try crisis.run(["note", text, "--queue", "--incident", "1"])
            #expect(queued.status == 0, "\(queued.stderr)")
            #expect(queued.stderr.contains("queued"))
        }
        let needsNext = try crisis.run(["brief", "update", "--queue", "--incident", "1"])
        #expect(needsNext.status != 0)
        #expect(needsNext.stderr.contains("--next"))

        try server.restart()
        let after = try crisis.run(["note", "after the outage"])
        #expect(after.status == 0)
        #expect(after.stderr.contains("sent 2 entries"))
        let texts = try crisis.ok(["log", "--json"]).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        }
        #expect(texts == ["before the outage", "first while down", "second while down", "after the outage"])
        // Sent once: another command finds the outbox empty and sends nothing again.
        #expect(!(try crisis.run(["list"]).stderr.contains("sent")))
    }
}
