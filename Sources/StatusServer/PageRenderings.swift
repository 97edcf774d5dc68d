import Foundation
import StatusPage
import Synchronization

/// The live part of each page as JSON strings, rendered once per customer, version, view and zone however many
/// browsers follow it: a thousand streams of one customer cost one rendering per change, not a thousand.
final class PageRenderings: Sendable {
    /// `html` and `title` as JSON string literals, ready to go into a message.
    struct Rendering: Sendable {
        let html: String
        let title: String
    }

    private struct Key: Hashable {
        let customer: String
        let version: String
        let view: PageView
        let zone: String
    }

    private let cache = Mutex<[Key: Rendering]>([:])

    /// Renderings kept: a few versions of every followed page; the oldest are dropped together past this.
    static let capacity = 1024

    func rendering(of page: CustomerPage, view: PageView, zone: TimeZone) -> Rendering {
        let key = Key(customer: page.customer.lowercased(), version: page.version, view: view, zone: zone.identifier)
        if let known = cache.withLock({ $0[key] }) { return known }
        // The live part holds no link of the page's own, so one rendering serves every share of the customer.
        let html = StatusPageHTML(page: page, view: view, zone: zone, basePath: "")
        let rendering = Rendering(html: Self.jsonString(html.live), title: Self.jsonString(html.title))
        cache.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll() }
            cache[key] = rendering
        }
        return rendering
    }

    static func jsonString(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
