import Foundation

/// A subscription's address, checked when it is given so a mistake is told to the person typing it, not found
/// an hour later in a failed delivery.
///
/// ```swift
/// let url = try WebhookURL("https://hooks.acme.example/crisis")
/// let inside = try WebhookURL("https://10.0.0.7/crisis", allowPrivate: true)
/// ```
///
/// Accepted: `https://`, a host, an optional port, path and query. Refused: any other scheme (the body is a
/// customer's incident, and only TLS keeps it theirs), credentials in the URL (the signature authenticates
/// crisis, and a password in a URL ends up in logs), a fragment (never sent, so it would mean nothing), and a
/// host that is a private address unless `allowPrivate` (see `PrivateAddress`).
public struct WebhookURL: Sendable, Hashable, CustomStringConvertible {
    public let url: URL
    /// The host as it is connected to: lowercased, without the brackets of an IPv6 literal.
    public let host: String
    public let port: Int?
    /// Whether the team said posting inside its own network is intended (`--allow-private`).
    public let allowsPrivate: Bool

    /// What every refusal ends with, so the line says what is accepted.
    static let accepted = "a webhook URL looks like https://hooks.example.com/crisis"

    public init(_ text: String, allowPrivate: Bool = false) throws(CommandError) {
        guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }),
              let components = URLComponents(string: text), let scheme = components.scheme?.lowercased()
        else {
            throw CommandError("'\(TerminalSafeText.sanitize(text))' is not a URL; \(Self.accepted)")
        }
        guard scheme == "https" else {
            throw CommandError("webhooks need https:// (TLS), not \(scheme)://; \(Self.accepted)")
        }
        // Checked before anything else about the URL is quoted: the message must not repeat the password.
        guard components.user == nil, components.password == nil else {
            throw CommandError("put no credentials in the URL; the signature authenticates crisis: "
                + "give https://host/path without user:password@")
        }
        var host = (components.host ?? "").lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else {
            throw CommandError("'\(text)' has no host; \(Self.accepted)")
        }
        guard components.fragment == nil else {
            throw CommandError("a webhook URL has no #fragment (it is never sent); \(Self.accepted)")
        }
        if !allowPrivate, let kind = PrivateAddress.kind(ofHost: host) {
            throw CommandError(Self.privateRefusal(host, kind: kind))
        }
        guard let url = components.url else { throw CommandError("'\(text)' is not a URL; \(Self.accepted)") }
        self.url = url
        self.host = host
        self.port = components.port
        self.allowsPrivate = allowPrivate
    }

    public static func privateRefusal(_ what: String, kind: String) -> String {
        "\(what) is a private address (\(kind)); pass --allow-private to post inside your network"
    }

    /// `hooks.acme.example`, or `127.0.0.1:8443` when the port is not the default: how outcomes name it.
    public var displayHost: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        guard let port, port != 443 else { return shown }
        return "\(shown):\(port)"
    }

    public var description: String { url.absoluteString }

    /// The URL as stored: scheme and host in lower case (they are case-blind), the path as given (it is not),
    /// so one receiver subscribed twice in different case is one subscriber.
    public var canonical: String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.absoluteString }
        let host = components.host?.lowercased()
        components.scheme = "https"
        components.host = host
        return components.string ?? url.absoluteString
    }
}
