import Foundation

/// How `crisis serve` listens and speaks, checked before anything starts: a wrong value stops it in one line.
public struct ServeSettings: Sendable {
    public let host: String
    public let port: Int
    /// PEM files for HTTPS; both or neither.
    public let tlsCertificate: String?
    public let tlsKey: String?
    /// Behind a reverse proxy: believe its `X-Forwarded-Proto` and `X-Forwarded-For`.
    public let trustProxy: Bool
    /// The address customers use (`https://status.example.com`), for the links in feeds and JSON; without it
    /// they are made from the request's Host.
    public let publicURL: String?
    /// The zone local times are written in; UTC follows in brackets.
    public let zone: TimeZone
    /// Connections open at once, streams included; more wait until one closes.
    public let maxConnections: Int
    /// Seconds a connection may sit without a request (a slow sender counts as idle).
    public let idleTimeout: Int

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(listen: String, tlsCertificate: String?, tlsKey: String?, trustProxy: Bool, publicURL: String?,
                zone: TimeZone, maxConnections: Int, idleTimeout: Int = 30) throws {
        (host, port) = try Self.parse(listen: listen)
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw Invalid(description: "--tls-cert and --tls-key go together: give both PEM files, or neither for plain HTTP")
        }
        for path in [tlsCertificate, tlsKey].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: path) {
            throw Invalid(description: "cannot read \(path): --tls-cert and --tls-key take readable PEM files")
        }
        if let publicURL {
            guard let url = URL(string: publicURL), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
                  url.host != nil, url.query == nil, url.fragment == nil else {
                throw Invalid(description: "--public-url '\(publicURL)' is not usable: give an http(s) address such as https://status.example.com")
            }
        }
        guard (1...100_000).contains(maxConnections) else {
            throw Invalid(description: "--max-connections \(maxConnections) is out of range: use 1 to 100000")
        }
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.trustProxy = trustProxy
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.zone = zone
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
    }

    public var usesTLS: Bool { tlsCertificate != nil }

    /// `127.0.0.1:8080`, `0.0.0.0:80`, `[::1]:8080`, `:8080` (every address).
    static func parse(listen: String) throws -> (String, Int) {
        let invalid = Invalid(description: "--listen '\(listen)' is not an address: use HOST:PORT, such as 127.0.0.1:8080, [::1]:8080 or 0.0.0.0:80")
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65_535).contains(port) else { throw invalid }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "0.0.0.0" }
        guard !host.contains(where: { $0 == "/" || $0 == " " || $0 == "[" || $0 == "]" }) else { throw invalid }
        return (host, port)
    }
}
