import Foundation
import Synchronization

/// A real PostgreSQL server for the tests, started through `.ci/postgres-server` on a free loopback port.
/// `shared` is the one `CRISIS_TEST_POSTGRES_URL` names (CI starts it), or one started on first use; tests that
/// stop and restart their server start a dedicated one. Each test takes a database of its own.
public final class PostgresTestServer: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Shared by every test that only reads and writes.
    public static let shared: Result<PostgresTestServer, Failure> = {
        if let url = ProcessInfo.processInfo.environment["CRISIS_TEST_POSTGRES_URL"], !url.isEmpty {
            return .success(PostgresTestServer(url: url, directory: nil))
        }
        return Result {
            let server = try start()
            // Started for this run, so stopped with it: a developer's `swift test` leaves no server behind.
            startedForTheRun.withLock { $0 = server.directory }
            atexit {
                guard let directory = PostgresTestServer.startedForTheRun.withLock({ $0 }) else { return }
                _ = try? PostgresTestServer.script(["stop", directory])
            }
            return server
        }.mapError { $0 as? Failure ?? Failure(description: "\($0)") }
    }()

    /// Whether the tests can have a server: `CRISIS_TEST_POSTGRES_URL` names one, or PostgreSQL is installed to
    /// start one. Tests that need a server are `.enabled(if:)` this, so without one they report themselves
    /// skipped; a server that is installed but fails to start is a failure.
    public static var isAvailable: Bool {
        if let url = ProcessInfo.processInfo.environment["CRISIS_TEST_POSTGRES_URL"], !url.isEmpty { return true }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.contains { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/postgres") }
    }

    /// Why `isAvailable` is false, for the skip.
    public static let unavailable: String =
        "no PostgreSQL: set CRISIS_TEST_POSTGRES_URL (.ci/postgres-server start) or apt-get install postgresql"

    /// The directory of the shared server when this process started it.
    private static let startedForTheRun = Mutex<String?>(nil)

    /// `postgres://crisis:crisis@127.0.0.1:PORT/crisis`
    public let url: String
    /// The server's directory, when this process started it.
    public let directory: String?

    private init(url: String, directory: String?) {
        self.url = url
        self.directory = directory
    }

    /// A server of the test's own, which it may stop and restart; `maxConnections` is its `max_connections`
    /// (the script's default is 300, for a whole test run at once).
    public static func start(maxConnections: Int? = nil) throws -> PostgresTestServer {
        let lines = try script(["start"] + (maxConnections.map { [String($0)] } ?? [])).split(separator: "\n").map(String.init)
        guard lines.count >= 2 else { throw Failure(description: "postgres-server printed no URL") }
        return PostgresTestServer(url: lines[0], directory: lines[1])
    }

    public func stop() throws {
        guard let directory else { throw Failure(description: "this server was not started by the tests") }
        _ = try Self.script(["stop", directory])
    }

    public func restart() throws {
        guard let directory else { throw Failure(description: "this server was not started by the tests") }
        _ = try Self.script(["restart", directory])
    }

    /// Creates an empty database and returns its URL.
    public func freshDatabase() throws -> String {
        let name = "crisis_t_" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
        _ = try Self.run("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", "CREATE DATABASE \(name)"])
        guard let slash = url.range(of: "/", options: .backwards) else { return url }
        return String(url[..<slash.lowerBound]) + "/" + name
    }

    /// The same database as `url`, as the server's superuser: `.ci/postgres-server` gives the superuser
    /// `postgres` the password `admin-<port>`. What a database administrator runs `crisis admin init` as.
    public static func administratorURL(of url: String) -> String {
        guard let at = url.range(of: "@"), let scheme = url.range(of: "://"),
              let port = url[at.upperBound...].split(separator: ":").dropFirst().first?.split(separator: "/").first else {
            return url
        }
        return String(url[..<scheme.upperBound]) + "postgres:admin-\(port)@" + String(url[at.upperBound...])
    }

    /// Runs `sql` through psql on `url`; its output, unaligned and without headers. Throws with psql's stderr.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        try run("/usr/bin/psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
    }

    private static func script(_ arguments: [String]) throws -> String {
        // Sources/CrisisTestSupport/ → the repository → .ci/postgres-server
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try run("/bin/bash", [root.appendingPathComponent(".ci/postgres-server").path] + arguments)
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let result = try Subprocess.run(executable, arguments)
        guard result.status == 0 else {
            throw Failure(description: "\(executable) \(arguments.first ?? "") failed: \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
