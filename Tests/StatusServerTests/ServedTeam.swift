import AsyncHTTPClient
import CrisisTestSupport
import Foundation
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// A team's store, the real `crisis` that posts to it, and a real `crisis serve` on it, listening on a free
/// loopback port. Every technical entry the team posts carries `canary`, which no response may ever hold.
final class ServedTeam: @unchecked Sendable {
    static let canary = "CANARY-page-9b2e"
    static let otherCustomerSecret = "GLOBEX-SECRET-51c0"

    let home: TemporaryDirectory
    var environment: [String: String]
    private(set) var server: BackgroundProcess?
    private(set) var port = 0

    /// A team on a SQLite file in its home, or on `database` (a PostgreSQL URL).
    init(database: String? = nil) throws {
        home = try TemporaryDirectory()
        environment = CrisisBinary.environment(home: home.url, database: database)
        environment["TZ"] = "Europe/Berlin"
    }

    deinit {
        server?.kill()
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Runs `crisis` as `author`, at `time` when given (ISO 8601), else on the real clock.
    @discardableResult
    func run(_ arguments: [String], as author: String = "ana", at time: String? = nil) throws -> Subprocess.Result {
        var environment = environment
        environment["CRISIS_AUTHOR"] = author
        if let time { environment["CRISIS_NOW"] = time }
        return try Subprocess.run(CrisisBinary.url.path, arguments, environment: environment)
    }

    /// Runs `crisis` and fails the test unless it succeeded; its standard output.
    @discardableResult
    func ok(_ arguments: [String], as author: String = "ana", at time: String? = nil) throws -> String {
        let result = try run(arguments, as: author, at: time)
        guard result.status == 0 else {
            throw TeamFailure(description: "crisis \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// ACME's incident with a briefing, every kind of technical entry (each carrying the canary), a
    /// workaround, an impact and a second briefing; and a Globex incident whose words ACME must never see.
    func openACMEIncident() throws {
        let canary = Self.canary
        try ok(["open", "Checkout failing for EU cards", "--severity", "1", "--customer", "ACME",
                "--owner", "Dana Ito", "--phone", "+49 30 1234 567"])
        try ok(["note", "db primary \(canary) is wedged"], as: "bo-\(canary)")
        try ok(["deadline", "failover \(canary)", "--in", "20m", "--owner", "bo"], as: "bo")
        try ok(["question", "is \(canary) on the old build?"], as: "bo")
        try ok(["answer", "Q1", "yes \(canary)"], as: "bo")
        try ok(["frame", "restore \(canary)"], as: "bo")
        try ok(["role", "tech", "Bo \(canary)", "--phone", "+1 555 0199"])
        try ok(["park", "alerting \(canary)"], as: "bo")
        try ok(["impact", "Card payments fail for about 30% of EU customers"])
        try ok(["workaround", "Customers can pay with PayPal meanwhile"])
        try ok(["brief", "We found the cause: a bad deploy. Rolling back now.", "--next", "20m", "--why", "the rollback completes by then"],
               as: "am-\(canary)")
        try ok(["open", "Globex reports: \(Self.otherCustomerSecret)", "--severity", "2", "--customer", "Globex",
                "--owner", "Gil", "--phone", "+1 555 0111"])
        try ok(["brief", "Globex briefing \(Self.otherCustomerSecret)", "--next", "30m", "--incident", "INC-2"])
    }

    /// Shares ACME's page; the address `crisis share` printed.
    func shareACME() throws -> String {
        try ok(["share", "--customer", "acme", "--label", "ACME ops room", "--url", "http://example.invalid"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// ACME's incident opened, its page shared and served: the page's URL on this server. The caller stops the
    /// server (`defer { team.stopServer() }`).
    func servingACME() throws -> String {
        try openACMEIncident()
        let address = try shareACME()
        try serve()
        return base + Self.path(of: address)
    }

    /// The page's path on this server, for an address `crisis share` printed.
    static func path(of address: String) -> String {
        guard let range = address.range(of: "/s/") else { return address }
        return String(address[range.lowerBound...])
    }

    /// Starts `crisis serve` and waits until it listens.
    func serve(_ arguments: [String] = [], at time: String? = nil) throws {
        var environment = environment
        if let time { environment["CRISIS_NOW"] = time }
        let process = try BackgroundProcess(CrisisBinary.url.path, ["serve", "--listen", "127.0.0.1:0"] + arguments,
                                            environment: environment)
        server = process
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let line = process.stderr.split(separator: "\n").first(where: { $0.contains(" serves the shared status pages") }),
               let address = line.range(of: "127.0.0.1:"),
               let port = Int(line[address.upperBound...].prefix { $0.isNumber }) {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        throw TeamFailure(description: "crisis serve did not start: \(process.stderr)")
    }

    /// Stops the server with `signal`; its exit status, or -1 when it was still running `seconds` later
    /// (it is then killed, so a server that ignores the signal fails the test instead of hanging it).
    @discardableResult
    func stopServer(_ signal: Int32 = SIGTERM, within seconds: Double = 30) -> Int32 {
        guard let server else { return -1 }
        server.kill(signal)
        let deadline = Date().addingTimeInterval(seconds)
        while server.isRunning, Date() < deadline { usleep(20_000) }
        guard !server.isRunning else {
            server.kill(SIGKILL)
            server.wait()
            return -1
        }
        return server.wait()
    }

    var serverLog: String { server?.stderr ?? "" }
}

/// A response read whole.
struct Fetched: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: String

    /// Every byte a reader could see: the status line's number, each header, the body.
    var everything: String {
        "\(status)\n" + headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n\n" + body
    }
}

extension HTTPClient {
    /// GETs `url` and reads the whole body.
    func fetch(_ url: String, method: HTTPMethod = .GET, headers: [(String, String)] = [],
               timeout: Int64 = 30) async throws -> Fetched {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await execute(request, timeout: .seconds(timeout))
        let body = try await response.body.collect(upTo: 8 * 1024 * 1024)
        return Fetched(status: Int(response.status.code), headers: response.headers, body: String(buffer: body))
    }
}

/// A step of the team's setup that failed, with what the program said.
struct TeamFailure: Error, CustomStringConvertible {
    let description: String
}
