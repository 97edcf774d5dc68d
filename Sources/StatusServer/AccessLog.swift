import Foundation
import IncidentModel
import StatusPage

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

    /// The path with no query and any share token replaced by `…`: `/s/…/feed.atom`. The router ignores
    /// empty segments (`//s//TOKEN` opens the page too), so the segment after the first non-empty `s`, and any
    /// segment shaped like a token wherever it stands, is what is hidden.
    public static func redacted(_ path: String) -> String {
        let bare = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var afterS = false
        let parts = bare.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            guard !part.isEmpty else { return "" }
            defer { afterS = (part == "s") && !afterS }
            return afterS || ShareToken(presented: part) != nil || part.count > 40 ? "…" : String(part)
        }
        // What is left is ours or a stranger's path; a stranger's cannot hide terminal controls in the log.
        return TerminalSafeText.sanitize(String(parts.joined(separator: "/").prefix(200)))
    }

    static func stamp(_ date: Date) -> String {
        Timestamp.iso8601(date)
    }
}
