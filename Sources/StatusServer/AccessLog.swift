import Foundation
import IncidentModel

/// One line per request on standard error, for people and log shippers, with no token in it: a share's
/// token is a password, and access logs are read by many.
public struct AccessLog: Sendable {
    private let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }) {
        self.write = write
    }

    /// `2026-11-29T13:40:02Z 203.0.113.9 GET /s/…/events 200 3ms`
    public func request(at: Date, peer: String, method: String, path: String, status: Int, milliseconds: Int) {
        write("\(Self.stamp(at)) \(TerminalSafeText.sanitize(peer)) \(method) \(Self.redacted(path)) \(status) \(milliseconds)ms")
    }

    /// Something the operator should know (a store out of reach, an address shut out for guessing).
    public func note(_ text: String, at: Date = Date()) {
        write("\(Self.stamp(at)) \(TerminalSafeText.sanitize(text))")
    }

    /// The path with the share's token replaced by `…` and no query: `/s/…/feed.atom`.
    public static func redacted(_ path: String) -> String {
        let bare = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var parts = bare.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 2, parts[1] == "s" { parts[2] = "…" }
        // What is left is ours or a stranger's path; a stranger's cannot hide terminal controls in the log.
        return TerminalSafeText.sanitize(String(parts.joined(separator: "/").prefix(200)))
    }

    static func stamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
