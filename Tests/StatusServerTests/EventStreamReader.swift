import AsyncHTTPClient
import Foundation
import NIOCore

/// Reads a `text/event-stream` the way a browser's EventSource does (WHATWG HTML, "event stream
/// interpretation"), in the background, so a test can wait for what arrives without blocking on the socket.
final class EventStreamReader: @unchecked Sendable {
    /// A dispatched message, or a comment line (`: keep-alive`).
    enum Item: Equatable, Sendable {
        case message(id: String?, event: String, data: String)
        case comment(String)
    }

    // @unchecked: `items`, `ended` and `status` are only touched under `lock`.
    private let lock = NSLock()
    private var items: [Item] = []
    private var ended = false
    private var headerStatus = 0
    private var reading: Task<Void, Never>?

    /// Connects to `url` (with `Last-Event-ID` when given) and starts reading.
    init(client: HTTPClient, url: String, lastEventID: String? = nil) {
        reading = Task { [self] in
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "text/event-stream")
            if let lastEventID { request.headers.add(name: "Last-Event-ID", value: lastEventID) }
            do {
                let response = try await client.execute(request, timeout: .seconds(600))
                lock.withLock { headerStatus = Int(response.status.code) }
                var parser = Parser()
                for try await buffer in response.body {
                    let parsed = parser.feed(String(buffer: buffer))
                    lock.withLock { items += parsed }
                }
            } catch {}
            lock.withLock { ended = true }
        }
    }

    deinit {
        reading?.cancel()
    }

    func close() {
        reading?.cancel()
    }

    var received: [Item] { lock.withLock { items } }
    var messages: [(id: String?, event: String, data: String)] {
        received.compactMap { if case let .message(id, event, data) = $0 { (id, event, data) } else { nil } }
    }
    var hasEnded: Bool { lock.withLock { ended } }
    var status: Int { lock.withLock { headerStatus } }

    /// Waits until `condition` holds for what was received; false on timeout.
    @discardableResult
    func wait(seconds: Double = 60, until condition: (EventStreamReader) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(self)
    }

    /// The stream format's own rules: lines end with CR, LF or CRLF; a blank line dispatches; `data` lines
    /// join with LF; a line starting with a colon is a comment.
    struct Parser {
        private var pending = ""
        private var id: String?
        private var event = ""
        private var data: [String] = []
        private var hasData = false

        mutating func feed(_ text: String) -> [Item] {
            pending += text
            var out: [Item] = []
            while let end = pending.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                let line = String(pending[..<end])
                pending = String(pending[pending.index(after: end)...])
                if line.isEmpty {
                    if hasData { out.append(.message(id: id, event: event.isEmpty ? "message" : event, data: data.joined(separator: "\n"))) }
                    event = ""
                    data = []
                    hasData = false
                } else if line.hasPrefix(":") {
                    out.append(.comment(String(line.dropFirst()).trimmingCharacters(in: .whitespaces)))
                } else {
                    let field: String, value: String
                    if let colon = line.firstIndex(of: ":") {
                        field = String(line[..<colon])
                        var rest = line[line.index(after: colon)...]
                        if rest.first == " " { rest = rest.dropFirst() }
                        value = String(rest)
                    } else {
                        (field, value) = (line, "")
                    }
                    switch field {
                    case "data": data.append(value); hasData = true
                    case "event": event = value
                    case "id": id = value
                    default: break
                    }
                }
            }
            return out
        }
    }
}
