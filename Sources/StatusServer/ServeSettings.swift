import Foundation
import NIOSSL

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
        if let certificate = tlsCertificate, let key = tlsKey {
            // Read now, so a wrong file stops the server before it starts, in one line.
            guard (try? NIOSSLCertificate.fromPEMFile(certificate))?.isEmpty == false else {
                throw Invalid(description: "--tls-cert \(certificate) holds no PEM certificate: give the certificate chain (fullchain.pem)")
            }
            guard (try? NIOSSLPrivateKey(file: key, format: .pem)) != nil else {
                throw Invalid(description: "--tls-key \(key) holds no PEM private key: give the key of --tls-cert (privkey.pem)")
            }
        }
        guard (1...100_000).contains(maxConnections) else {
            throw Invalid(description: "--max-connections \(maxConnections) is out of range: use 1 to 100000")
        }
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.trustProxy = trustProxy
        self.publicURL = try publicURL.map { try Self.publicURL($0, option: "--public-url") }
        self.zone = zone
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
    }

    public var usesTLS: Bool { tlsCertificate != nil }

    /// An address customers reach `crisis serve` at, without its trailing slash; `option` names it in the error.
    public static func publicURL(_ given: String, option: String) throws -> String {
        guard let url = URL(string: given), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              url.host != nil, url.query == nil, url.fragment == nil else {
            throw Invalid(description: "\(option) '\(given)' is not usable: give the http(s) address crisis serve is reached at, such as https://status.example.com")
        }
        return given.hasSuffix("/") ? String(given.dropLast()) : given
    }

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
