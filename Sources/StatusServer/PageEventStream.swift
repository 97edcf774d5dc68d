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
    let renderings: PageRenderings

    /// How long a browser waits before reconnecting after the stream drops.
    static let retryMilliseconds = 2000

    var body: ResponseBody {
        ResponseBody { [self] writer in
            var sent = lastEventID
            var opening = "retry: \(Self.retryMilliseconds)\n\n"
            if first.version != sent {
                opening += message(first)
                sent = first.version
            }
            try await writer.write(ByteBuffer(string: opening))
            for await page in pages {
                // The library hands every change on (and a keep-alive now and then); only a new version is news.
                if page.version == sent {
                    try await writer.write(ByteBuffer(string: ServerSentEvent.keepAlive))
                    continue
                }
                try await writer.write(ByteBuffer(string: message(page)))
                sent = page.version
            }
            try await writer.finish(nil)
        }
    }

    /// `{"html": …, "title": …, "now": …}`: the rendering is shared by every stream of the customer; `now` is
    /// this moment's, so the browser's countdown is set from the server's clock as it is, not as it was when the
    /// page was first rendered.
    private func message(_ page: CustomerPage) -> String {
        let rendering = renderings.rendering(of: page, view: view, zone: zone)
        let payload = "{\"html\":\(rendering.html),\"title\":\(rendering.title),\"now\":\"\(Timestamp.iso8601(Date()))\"}"
        // JSON keeps every line break inside a string as \n, and ServerSentEvent splits any that remained.
        return ServerSentEvent(id: page.version, event: "page", data: payload).text
    }
}
