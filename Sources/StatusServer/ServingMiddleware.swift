import Foundation
import HTTPTypes
import Hummingbird

/// Wraps every request, routed or not: security headers on every response (errors included), every error
/// answered with a short plain text that says nothing about what exists, and an access-log line.
struct ServingMiddleware: RouterMiddleware {
    typealias Context = PageRequestContext

    let log: AccessLog
    /// Whether to ask browsers to use HTTPS from now on (served over TLS, or behind a proxy that says so).
    let strictTransport: @Sendable (Request) -> Bool
    let peer: @Sendable (Request, PageRequestContext) -> String

    /// Scripts, styles and streams from this server only; no inline script or style, no frames, no forms.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    func handle(_ request: Request, context: PageRequestContext,
                next: (Request, PageRequestContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = Self.plain(error.status)
        } catch {
            response = Self.plain(.internalServerError)
        }
        let headers: [(HTTPField.Name, String)] = [
            (.contentSecurityPolicy, Self.contentSecurityPolicy),
            (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
            (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
            (HTTPField.Name("X-Frame-Options")!, "DENY"),
            (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
            (HTTPField.Name("Cross-Origin-Resource-Policy")!, "same-origin"),
        ]
        for (name, value) in headers { response.headers[name] = value }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if strictTransport(request) { response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000" }
        let elapsed = ContinuousClock.now - started
        log.request(at: Date(), peer: peer(request, context), method: request.method.rawValue, path: request.uri.path,
                    status: response.status.code,
                    milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
        return response
    }

    /// `404 Not found`, `429 …`: the same few words whatever was asked, so an error page tells nothing.
    static func plain(_ status: HTTPResponse.Status, _ text: String? = nil) -> Response {
        let headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        let body = (text ?? Self.reason(status)) + "\n"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func reason(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "Not found"
        case 405: "Method not allowed"
        case 429: "Too many wrong addresses from here: try again in a minute"
        case 503: "Unavailable"
        default: status.code >= 500 ? "Server error" : "Bad request"
        }
    }
}
