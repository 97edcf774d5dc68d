import Foundation

/// A `postgres://user[:password]@host[:port]/database[?sslmode=…]` address, read the way libpq reads it,
/// with the password from the URL, then `PGPASSWORD`, then `~/.pgpass`.
public struct PostgresAddress: Equatable, Sendable {
    /// How much TLS the URL asks for, in libpq's words.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public let user: String
    public let password: String?
    public let host: String
    public let port: Int
    public let database: String
    public let sslMode: SSLMode

    public static let accepted = "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-ca|verify-full]"

    /// Parses the URL; `environment` supplies PGPASSWORD, PGPASSFILE and HOME.
    public init(parsing text: String, environment: [String: String]) throws {
        func bad(_ why: String) -> StoreError {
            .badAddress("\(Self.redact(text)) is not a usable PostgreSQL address (\(why)): use \(Self.accepted)")
        }
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme) else {
            throw bad("not a postgres:// URL")
        }
        guard let host = components.host, !host.isEmpty else { throw bad("no host") }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw bad("no user")
        }
        if let port = components.port, !(1...65535).contains(port) { throw bad("port out of range") }
        let path = components.percentEncodedPath.removingPercentEncoding ?? components.path
        let database = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !database.contains("/") else { throw bad("the database name contains '/'") }
        var mode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let parsed = SSLMode(rawValue: value) else {
                    throw bad("sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                mode = parsed
            case "application_name", "connect_timeout":
                continue
            default:
                throw bad("unknown parameter '\(item.name)'")
            }
        }
        self.user = user
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        self.database = database.isEmpty ? user : database
        self.sslMode = mode
        let fromURL = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.password = fromURL
            ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.passwordFromPassFile(host: self.host, port: self.port, database: self.database, user: user,
                                         environment: environment)
    }

    /// The address without its password: the only form ever printed.
    public var displayName: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// Any text that may contain a URL, with the password replaced by `***`.
    public static func redact(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at else {
            return text
        }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    /// `~/.pgpass`: `host:port:database:user:password`, `*` matches anything, `\:` and `\\` escape.
    static func passwordFromPassFile(host: String, port: Int, database: String, user: String,
                                     environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"]
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".pgpass")
        guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in contents.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = []
            var current = ""
            var escaping = false
            for character in line {
                if escaping {
                    current.append(character)
                    escaping = false
                } else if character == "\\" {
                    escaping = true
                } else if character == ":" && fields.count < 4 {
                    fields.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
