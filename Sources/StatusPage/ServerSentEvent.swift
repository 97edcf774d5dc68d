/// One message of a `text/event-stream` (the WHATWG Server-Sent Events format).
///
/// Whatever `data` holds, it cannot end the message early or forge another one: every line break in it
/// (CR, LF or CRLF, which all end a line in this format) starts a new `data:` line, which the browser joins
/// back with LF. `id` and `event` are ours, never people's text, and lose any line break all the same.
public struct ServerSentEvent: Sendable, Equatable {
    public let id: String?
    public let event: String?
    public let data: String
    /// How long a browser waits before reconnecting, in milliseconds.
    public let retry: Int?

    public init(id: String? = nil, event: String? = nil, data: String, retry: Int? = nil) {
        self.id = id
        self.event = event
        self.data = data
        self.retry = retry
    }

    /// The message as sent, ending with the blank line that dispatches it.
    public var text: String {
        var out = ""
        if let retry { out += "retry: \(retry)\n" }
        if let id { out += "id: \(Self.singleLine(id))\n" }
        if let event { out += "event: \(Self.singleLine(event))\n" }
        for line in Self.lines(of: data) { out += "data: \(line)\n" }
        return out + "\n"
    }

    /// A comment line: ignored by browsers, it keeps proxies from closing an idle stream.
    public static let keepAlive = ": keep-alive\n\n"

    static func lines(of text: String) -> [Substring] {
        // "\r\n" is a single Character in Swift, so splitting on Characters covers CR, LF and CRLF alike.
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }

    static func singleLine(_ text: String) -> String {
        String(text.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" && $0 != "\0" })
    }
}
