import Foundation
import Logging
import PostgresNIO

/// How many connections a server takes and how many crisis holds, as seen when this machine last connected.
///
/// A server that is full refuses a connection before it answers any question, so a refused command cannot
/// ask it how full it is. Every connection therefore reads these figures once (one small query over
/// `pg_stat_activity`, which every role may read) and keeps them per server in the state home; the refusal
/// then says what was seen, and when.
public struct PostgresCapacity: Codable, Equatable, Sendable {
    /// `max_connections`: every connection the server takes, superusers' included.
    public var maxConnections: Int
    /// `superuser_reserved_connections`: the slots only a superuser may take.
    public var reservedForSuperusers: Int
    /// Connections whose `application_name` is crisis's: every role may see other roles' names.
    public var crisisSessions: Int
    /// Every client connection, when this role may see each one's kind (a superuser, `pg_read_all_stats`).
    public var clientConnections: Int?
    public var seenAt: Date

    /// The slots a role that is not a superuser may take.
    public var ordinarySlots: Int { max(0, maxConnections - reservedForSuperusers) }

    static let query: PostgresQuery = """
        SELECT current_setting('max_connections')::int4, current_setting('superuser_reserved_connections')::int4,
               (count(*) FILTER (WHERE application_name LIKE 'crisis%'))::int4,
               (count(*) FILTER (WHERE backend_type = 'client backend'))::int4,
               (count(*) FILTER (WHERE backend_type IS NULL))::int4
        FROM pg_stat_activity
        """

    /// Reads the figures on a connection just opened.
    static func read(_ connection: PostgresConnection, logger: Logger, now: Date) async throws -> PostgresCapacity? {
        let rows = try await connection.query(query, logger: logger)
        for try await (most, reserved, crisis, clients, hidden) in rows.decode((Int32, Int32, Int32, Int32, Int32).self) {
            // A row whose kind is hidden is another role's: the total is only known when none is.
            return PostgresCapacity(maxConnections: Int(most), reservedForSuperusers: Int(reserved),
                                    crisisSessions: Int(crisis), clientConnections: hidden == 0 ? Int(clients) : nil,
                                    seenAt: now)
        }
        return nil
    }

    /// The figures in a few words, with how old they are: "max_connections is 100, 3 of them kept for
    /// superusers; when this machine last connected, 3 min ago, crisis held 41 connections of the 96 in use".
    /// Crisis's share is said as such: other programs may be what fills the server.
    public func described(now: Date) -> String {
        let held = "crisis held \(crisisSessions) connection\(crisisSessions == 1 ? "" : "s")"
            + (clientConnections.map { " of the \($0) in use" } ?? "")
        return "max_connections is \(maxConnections), \(reservedForSuperusers) of them kept for superusers; when this machine last connected, \(Self.age(of: seenAt, now: now)), \(held)"
    }

    private static func age(of moment: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(moment)))
        switch seconds {
        case ..<60: return "\(seconds) s ago"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3600) h ago"
        default: return "\(seconds / 86_400) days ago"
        }
    }
}

/// Where a machine keeps each server's last `PostgresCapacity`: `<state home>/postgres/<host>-<port>-<db>.json`.
/// Losing it costs nothing but the figures in one error message, so every failure here is ignored.
struct PostgresCapacityFile: Sendable {
    let path: String?

    init(address: PostgresAddress, environment: [String: String]) {
        let name = "\(address.host)-\(address.port)-\(address.database)"
            .map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? String($0) : "_" }.joined()
        path = StateHome.directory(environment: environment).map { "\($0)/postgres/\(name).json" }
    }

    func load() -> PostgresCapacity? {
        guard let path, let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? Self.decoder.decode(PostgresCapacity.self, from: data)
    }

    /// Written whole under a temporary name and renamed, so two processes never leave half a file.
    func save(_ capacity: PostgresCapacity) {
        guard let path, let data = try? Self.encoder.encode(capacity) else { return }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = "\(path).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
