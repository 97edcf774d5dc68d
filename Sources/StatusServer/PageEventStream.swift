import Foundation
import Hummingbird
import IncidentModel
import StatusPage

/// The body of `/s/TOKEN/events`: the page's live part whenever its content changes, as Server-Sent Events.
/// Each message's `id` is the page's version, so a browser that reconnects with `Last-Event-ID` is sent the
/// page at once only if it missed something. The stream ends when the share is revoked or the server stops.
struct PageEventStream: Sendable {
    let pages: AsyncStream<CustomerPage>
    let first: CustomerPage
    let lastEventID: String?
    let view: PageView
    let zone: TimeZone
    let basePath: String
    let messages: RenderedMessages

    /// How long a browser waits before reconnecting after the stream drops.
    static let retryMilliseconds = 2000

    var body: ResponseBody {
        ResponseBody { [self] writer in
            var sent = lastEventID
            var opening = "retry: \(Self.retryMilliseconds)\n\n"
            if first.version != sent {
                opening += messages.message(for: first, view: view, zone: zone, basePath: basePath)
                sent = first.version
            }
            try await writer.write(ByteBuffer(string: opening))
            for await page in pages {
                // The library hands every change on (and a keep-alive now and then); only a new version is news.
                if page.version == sent {
                    try await writer.write(ByteBuffer(string: ServerSentEvent.keepAlive))
                    continue
                }
                try await writer.write(ByteBuffer(string: messages.message(for: page, view: view, zone: zone, basePath: basePath)))
                sent = page.version
            }
            try await writer.finish(nil)
        }
    }
}

/// The stream's messages, rendered once per page version and view however many browsers follow: a thousand
/// streams of one customer cost one rendering per change, not a thousand.
final class RenderedMessages: @unchecked Sendable {
    // @unchecked: `cache` is only touched under `lock`.
    private let lock = NSLock()
    private var cache: [Key: String] = [:]

    private struct Key: Hashable {
        let customer: String
        let version: String
        let view: PageView
        let zone: String
        let basePath: String
    }

    private struct Payload: Encodable {
        let html: String
        let title: String
        let now: String
    }

    func message(for page: CustomerPage, view: PageView, zone: TimeZone, basePath: String) -> String {
        let key = Key(customer: page.customer.lowercased(), version: page.version, view: view, zone: zone.identifier,
                      basePath: basePath)
        lock.lock()
        if let known = cache[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let html = StatusPageHTML(page: page, view: view, zone: zone, basePath: basePath)
        let payload = Payload(html: html.live, title: html.title, now: ISO8601DateFormatter().string(from: page.now))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // JSON keeps every line break inside a string as \n, and ServerSentEvent splits any that remained.
        let data = (try? encoder.encode(payload)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let text = ServerSentEvent(id: page.version, event: "page", data: data).text
        lock.lock()
        if cache.count > 256 { cache.removeAll() }
        cache[key] = text
        lock.unlock()
        return text
    }
}
