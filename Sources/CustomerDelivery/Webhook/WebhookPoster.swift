import AsyncHTTPClient
import Foundation
import IncidentModel
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Posts signed deliveries over HTTPS and says plainly what became of each.
///
/// ```swift
/// try await WebhookPoster.with(.fromEnvironment()) { poster in
///     let outcome = await poster.post(try WebhookPayload(notice), to: url, secret: secret)
///     print(outcome.line(to: url))   // webhook to hooks.acme.example: 200 in 84 ms
/// }
/// ```
///
/// One `HTTPClient` serves every delivery of a poster (connections to a receiver are reused); it must be shut
/// down, which `with(_:_:)` does whatever the body does. Redirects are never followed: a signed body sent
/// somewhere the subscription does not name is a leak, and a moved receiver is for its owner to announce.
public final class WebhookPoster: Sendable {
    public struct Configuration: Sendable {
        /// For the whole attempt: connecting, TLS, sending and the answer's head.
        public var timeout: Duration
        /// PEM certificates trusted as well as the system's (`CRISIS_CA_FILE`): a team's own CA for receivers
        /// inside its network, or a test's receiver.
        public var trustedCAFile: String?
        public var userAgent: String
        /// Looks the host up before posting, to refuse private addresses behind public names.
        public var resolver: WebhookResolver
        /// The time each attempt is signed with.
        public var now: @Sendable () -> Date

        public init(timeout: Duration = .seconds(10), trustedCAFile: String? = nil,
                    userAgent: String = "crisis/webhook-1", resolver: WebhookResolver = .system,
                    now: @escaping @Sendable () -> Date = { Date() }) {
            self.timeout = timeout
            self.trustedCAFile = trustedCAFile
            self.userAgent = userAgent
            self.resolver = resolver
            self.now = now
        }

        /// The defaults, with `CRISIS_CA_FILE` and `CRISIS_WEBHOOK_TIMEOUT` (seconds, 1 to 120) when set.
        public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
            throws(CommandError) -> Configuration {
            let file = environment["CRISIS_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
            var timeout = Duration.seconds(10)
            if let raw = environment["CRISIS_WEBHOOK_TIMEOUT"] {
                guard let seconds = Int(raw.trimmingCharacters(in: .whitespaces)), (1...120).contains(seconds) else {
                    throw CommandError("CRISIS_WEBHOOK_TIMEOUT '\(TerminalSafeText.sanitize(raw))' is not understood: use a whole number of seconds from 1 to 120")
                }
                timeout = .seconds(seconds)
            }
            return Configuration(timeout: timeout, trustedCAFile: file)
        }
    }

    /// What is kept of a refused answer's body for the reason: enough to read, not enough to flood a log.
    static let reasonLength = 200

    private let configuration: Configuration
    private let client: HTTPClient

    /// Refuses a CA file that cannot be read as PEM certificates now, rather than failing every delivery.
    public init(_ configuration: Configuration = Configuration()) throws(CommandError) {
        var tls = TLSConfiguration.makeClientConfiguration()
        // Closing TLS waits for the peer's close_notify, 5 s by default: a hung receiver would hold the
        // attempt (and the poster's shutdown) that long past its timeout.
        tls.shutdownTimeout = TimeAmount(configuration.timeout)
        if let path = configuration.trustedCAFile {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                guard !certificates.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
                tls.additionalTrustRoots = [.certificates(certificates)]
            } catch {
                throw CommandError("CRISIS_CA_FILE \(path): no PEM certificate could be read (\(error)); give a "
                    + "file of one or more -----BEGIN CERTIFICATE----- blocks")
            }
        }
        var client = HTTPClient.Configuration()
        client.tlsConfiguration = tls
        client.redirectConfiguration = .disallow
        client.timeout = .init(connect: TimeAmount(configuration.timeout), read: TimeAmount(configuration.timeout))
        // A failed connection is reported at once, not retried inside the client until the timeout: the
        // retry policy decides when to try again, and the first error (refused, TLS) is the one to show.
        client.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: client)
        self.configuration = configuration
    }

    /// Runs `body` with a poster and shuts it down afterwards, also when `body` throws.
    public static func with<Result: Sendable>(_ configuration: Configuration = Configuration(),
                                              _ body: (WebhookPoster) async throws -> Result) async throws -> Result {
        let poster = try WebhookPoster(configuration)
        do {
            let result = try await body(poster)
            try await poster.shutdown()
            return result
        } catch {
            try? await poster.shutdown()
            throw error
        }
    }

    /// Closes the connections; required before the poster goes away.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// One attempt: signed now, posted, answered or failed within the timeout.
    public func post(_ payload: WebhookPayload, to url: WebhookURL, secret: WebhookSecret) async -> WebhookOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        func failed(_ reason: String, temporary: Bool) -> WebhookOutcome {
            .failed(reason: reason, isTemporary: temporary, elapsed: clock.now - start)
        }
        if !url.allowsPrivate {
            switch await configuration.resolver.addresses(url.host) {
            case .failure(let error): return failed(error.message, temporary: true)
            case .success(let addresses):
                if let refusal = WebhookResolver.privateRefusal(host: url.host, addresses: addresses) {
                    return failed(refusal.message, temporary: false)
                }
            }
        }
        var request = HTTPClientRequest(url: url.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        for (name, value) in WebhookSignature.headers(for: payload, secret: secret, at: configuration.now()) {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(bytes: payload.body))
        do {
            let response = try await client.execute(request, timeout: TimeAmount(configuration.timeout))
            let status = Int(response.status.code)
            switch status {
            case 200..<300:
                return .delivered(status: status, elapsed: clock.now - start)
            case 300..<400:
                let location = response.headers.first(name: "Location").map(Self.oneLine) ?? "nowhere (no Location)"
                return failed("\(status) redirected to \(location); not followed: update the subscription",
                              temporary: false)
            default:
                let said = await Self.reason(of: response)
                let temporary = status >= 500 || status == 408 || status == 429
                return failed("\(status) (\(said))", temporary: temporary)
            }
        } catch {
            let (reason, temporary) = Self.explain(error, url: url, timeout: configuration.timeout)
            return failed(reason, temporary: temporary)
        }
    }

    /// The first `reasonLength` characters of the body, on one line; the status's phrase when it is empty.
    private static func reason(of response: HTTPClientResponse) async -> String {
        var bytes: [UInt8] = []
        do {
            // Four bytes a character at most: past that, the rest would be cut anyway.
            for try await chunk in response.body {
                bytes += chunk.readableBytesView
                if bytes.count >= reasonLength * 4 { break }
            }
        } catch {
            // A body cut short still says something; what arrived is kept.
        }
        let text = oneLine(String(decoding: bytes, as: UTF8.self))
        guard !text.isEmpty else { return response.status.reasonPhrase.lowercased() }
        return text.count > reasonLength ? String(text.prefix(reasonLength)) + "…" : text
    }

    /// A receiver's words go into logs and terminals: controls are shown, not obeyed, and it is one line.
    private static func oneLine(_ text: String) -> String {
        TerminalSafeText.sanitize(text, lines: .fold)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The reason for an error, and whether it may go away by itself.
    static func explain(_ error: any Error, url: WebhookURL, timeout: Duration) -> (String, Bool) {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout:
                return ("timed out after \(ElapsedText.of(timeout))", true)
            case .remoteConnectionClosed:
                return ("connection closed before an answer", true)
            case .cancelled:
                return ("cancelled", true)
            default:
                return (oneLine("\(error)"), true)
            }
        }
        if error is CancellationError { return ("cancelled", true) }
        if let error = error as? NIOConnectionError {
            if let dns = error.dnsAError ?? error.dnsAAAAError {
                return (oneLine("DNS: cannot resolve \(url.host) (\(dns))"), true)
            }
            if let first = error.connectionErrors.first { return explain(first.error, url: url, timeout: timeout) }
            return ("DNS: \(url.host) has no address", true)
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return ("connection refused", true)
            case ECONNRESET: return ("connection reset", true)
            case ETIMEDOUT: return ("timed out after \(ElapsedText.of(timeout))", true)
            default: return (oneLine("connection failed (\(error))"), true)
            }
        }
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            return ("TLS: certificate is not for \(url.host)", false)
        }
        if let error = error as? NIOSSLError {
            let detail = oneLine("\(error)")
            if case .handshakeFailed = error, detail.contains("CERTIFICATE_VERIFY_FAILED") {
                return ("TLS: certificate not trusted (\(detail)); add its CA to CRISIS_CA_FILE if it is yours", false)
            }
            return ("TLS: handshake failed (\(detail))", false)
        }
        return (oneLine("\(error)"), true)
    }
}
