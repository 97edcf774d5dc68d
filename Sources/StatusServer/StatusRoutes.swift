import Foundation
import HTTPTypes
import Hummingbird
import IncidentModel
import StatusPage

/// The server's addresses. Everything a customer sees lives under `/s/TOKEN/`; a wrong, revoked or malformed
/// token is a plain 404, the same as a path that never existed, so nothing tells a guesser what exists.
///
/// | path | what |
/// |---|---|
/// | `/s/TOKEN/` or `/s/TOKEN` (`?view=wall`) | the page (HEAD too, as for the feed and the JSON) |
/// | `/s/TOKEN/events` | the page's live part as Server-Sent Events |
/// | `/s/TOKEN/feed.atom` | Atom, one entry per update |
/// | `/s/TOKEN/api/v2/incidents.json`, `…/incidents/unresolved.json`, `…/status.json`, `…/summary.json` | Statuspage-shaped JSON |
/// | `/assets/page.css`, `/assets/page.js`, `/assets/favicon.svg` | the page's stylesheet, script and icon |
/// | `/healthz` | 200 when the store was read at the last look, 503 when not |
struct StatusRoutes: Sendable {
    let library: PageLibrary
    let settings: ServeSettings
    let limiter: TokenGuessLimiter
    let log: AccessLog
    let renderings = PageRenderings()

    func router() -> Router<PageRequestContext> {
        let router = Router(context: PageRequestContext.self)
        router.add(middleware: ServingMiddleware(
            log: log, strictTransport: { request in isHTTPS(request) }, peer: { request, context in peer(request, context) }))
        getAndHead(router, "/healthz") { _, _ in
            await library.isHealthy ? ServingMiddleware.plain(.ok, "ok") : ServingMiddleware.plain(.serviceUnavailable)
        }
        router.get("/assets/page.css") { _, _ in asset(PageAssets.stylesheet, type: "text/css; charset=utf-8") }
        router.get("/assets/page.js") { _, _ in asset(PageAssets.script, type: "text/javascript; charset=utf-8") }
        router.get("/assets/favicon.svg") { _, _ in asset(PageAssets.icon, type: "image/svg+xml") }
        // With or without the trailing slash: Hummingbird's router treats both alike.
        getAndHead(router, "/s/:token") { request, context in
            let (_, page) = try await access(request, context)
            let view = PageView(query: request.uri.queryParameters.get("view"))
            let html = StatusPageHTML(page: page, view: view, zone: settings.zone, basePath: basePath(context))
                .document(assetVersion: PageAssets.version)
            return text(html, type: "text/html; charset=utf-8")
        }
        router.get("/s/:token/events") { request, context in
            let (_, page, updates) = try await access(request, context) { await library.open($0) }
            let stream = PageEventStream(
                pages: updates, first: page, lastEventID: request.headers[HTTPField.Name("Last-Event-ID")!],
                view: PageView(query: request.uri.queryParameters.get("view")), zone: settings.zone, renderings: renderings)
            var headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
            // nginx buffers responses unless told not to; a buffered stream is no stream.
            headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
            return Response(status: .ok, headers: headers, body: stream.body)
        }
        getAndHead(router, "/s/:token/feed.atom") { request, context in
            let (_, page) = try await access(request, context)
            let base = pageURL(request, context)
            let feed = AtomFeed(page: page, pageURL: base, feedURL: base + "feed.atom", zone: settings.zone)
            return text(feed.xml, type: "application/atom+xml; charset=utf-8")
        }
        getAndHead(router, "/s/:token/api/v2/incidents.json") { request, context in
            let (_, page) = try await access(request, context)
            return json(try StatuspageDocument.incidents(page, pageURL: pageURL(request, context), unresolvedOnly: false))
        }
        getAndHead(router, "/s/:token/api/v2/incidents/unresolved.json") { request, context in
            let (_, page) = try await access(request, context)
            return json(try StatuspageDocument.incidents(page, pageURL: pageURL(request, context), unresolvedOnly: true))
        }
        getAndHead(router, "/s/:token/api/v2/status.json") { request, context in
            let (_, page) = try await access(request, context)
            return json(try StatuspageDocument.status(page, pageURL: pageURL(request, context)))
        }
        getAndHead(router, "/s/:token/api/v2/summary.json") { request, context in
            let (_, page) = try await access(request, context)
            return json(try StatuspageDocument.summary(page, pageURL: pageURL(request, context)))
        }
        return router
    }

    /// GET, and HEAD with the same status and headers and no body: uptime monitors and link checkers ask HEAD,
    /// and a 404 there reads as the customer's page being down (found in review).
    private func getAndHead(_ router: Router<PageRequestContext>, _ path: RouterPath,
                            _ handler: @escaping @Sendable (Request, PageRequestContext) async throws -> Response) {
        router.get(path, use: handler)
        router.head(path) { request, context in
            var response = try await handler(request, context)
            // The length the GET would send, as HEAD's Content-Length should say, and no bytes.
            response.body = ResponseBody(contentLength: response.body.contentLength) { _ in }
            return response
        }
    }

    /// The share and page a request's token opens, or a 404 (a 429 for an address that guessed too often).
    private func access(_ request: Request, _ context: PageRequestContext) async throws -> (PageShare, CustomerPage) {
        try await access(request, context) { await library.page(for: $0) }
    }

    /// What `lookup` finds for the request's token, or a 404 (a 429 for an address that guessed too often).
    private func access<Found>(_ request: Request, _ context: PageRequestContext,
                               lookup: (ShareToken) async -> Found?) async throws -> Found {
        let address = peer(request, context)
        let now = Date()
        guard await limiter.mayTry(address, now: now) else {
            throw HTTPError(.tooManyRequests)
        }
        if let token = context.parameters.get("token").flatMap(ShareToken.init(presented:)),
           let found = await lookup(token) {
            return found
        }
        if await limiter.missed(address, now: now) {
            log.note("\(address) presented \(limiter.allowed) wrong page addresses within \(Int(limiter.window)) s: refused for a while")
        }
        throw HTTPError(.notFound)
    }

    /// `/s/TOKEN/`: where the page's own links start (the token checked already, and the reader's own).
    private func basePath(_ context: PageRequestContext) -> String {
        "/s/\(context.parameters.get("token") ?? "")/"
    }

    /// `https://status.example.com/s/TOKEN/`: from `--public-url`, or the request's Host and scheme.
    private func pageURL(_ request: Request, _ context: PageRequestContext) -> String {
        let token = context.parameters.get("token") ?? ""
        if let base = settings.publicURL { return "\(base)/s/\(token)/" }
        let host = request.head.authority ?? "\(settings.host):\(settings.port)"
        // A Host header is the client's to choose; keep only what a host name and port may hold.
        let safeHost = String(host.filter { $0.isLetter || $0.isNumber || ".-:[]".contains($0) }.prefix(255))
        return "\(isHTTPS(request) ? "https" : "http")://\(safeHost)/s/\(token)/"
    }

    private func isHTTPS(_ request: Request) -> Bool {
        if settings.usesTLS { return true }
        guard settings.trustProxy, let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!] else { return false }
        return proto.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// Who is asking: the connection's peer, or behind a trusted proxy the address it adds last to
    /// `X-Forwarded-For` (the one it saw; anything before it the client could have written).
    private func peer(_ request: Request, _ context: PageRequestContext) -> String {
        if settings.trustProxy, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return String(last.prefix(64))
        }
        return context.peer?.ipAddress ?? "unknown"
    }

    private func text(_ body: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private func json(_ data: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func asset(_ body: String, type: String) -> Response {
        var response = text(body, type: type)
        // Pages ask for `?v=<digest of both files>`: a changed file has a new address, so caching forever is safe.
        response.headers[.cacheControl] = "public, max-age=31536000, immutable"
        return response
    }
}
