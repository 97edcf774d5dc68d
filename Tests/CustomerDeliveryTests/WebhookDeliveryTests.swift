import CrisisTestSupport
import CustomerDelivery
import Foundation
import IncidentModel
import Testing

/// Real HTTPS deliveries to a Python receiver on loopback, trusted through `trustedCAFile` as CRISIS_CA_FILE
/// would make it. Serialized: the timeout test measures time, and two cores are shared.
@Suite(.serialized, .enabled(if: WebhookReceiver.isAvailable, Comment(rawValue: WebhookReceiver.unavailable)))
struct WebhookDeliveryTests {
    static let secret = WebhookSecret.generate()

    /// Posts the fixture briefing once to `receiver` (at `path`) with a poster trusting `caFile`.
    static func post(to receiver: WebhookReceiver, path: String = "/crisis", caFile: String? = nil,
                     timeout: Duration = .seconds(10)) async throws -> (WebhookOutcome, WebhookURL) {
        let url = try WebhookURL(receiver.baseURL + path, allowPrivate: true)
        let payload = try WebhookPayload(WebhookFixtures.briefing())
        let configuration = WebhookPoster.Configuration(timeout: timeout, trustedCAFile: caFile ?? receiver.caFile)
        let outcome = try await WebhookPoster.with(configuration) { poster in
            await poster.post(payload, to: url, secret: Self.secret)
        }
        return (outcome, url)
    }

    @Test func a200IsDeliveredSignedAndReadableByPython() async throws {
        let receiver = try WebhookReceiver(responses: [.status(200)], secret: Self.secret.text)
        let (outcome, url) = try await Self.post(to: receiver)
        guard case .delivered(let status, let elapsed) = outcome else {
            Issue.record("not delivered: \(outcome.line(to: url)) \(receiver.stderr)")
            return
        }
        #expect(status == 200)
        #expect(elapsed > .zero, "a delivery takes some time; how long is the receipt's business, not a test's")
        #expect(outcome.line(to: url).hasPrefix("webhook to 127.0.0.1:\(receiver.port): 200 in "), "\(outcome.line(to: url))")
        #expect(outcome.line(to: url).range(of: #" in \d+(\.\d)? (ms|s)$"#, options: .regularExpression) != nil)

        let request = try #require(try receiver.requests().only)
        #expect(request.method == "POST")
        #expect(request.path == "/crisis")
        #expect(request.signature == "valid", "Python's hmac check: \(request.signature ?? "none")")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["user-agent"]?.hasPrefix("crisis/") == true)
        #expect(request.headers["crisis-delivery"] == "inc12-1795442709-u3")
        #expect(request.headers["crisis-event"] == "incident.briefing")
        let payload = try WebhookPayload(WebhookFixtures.briefing())
        #expect(request.body == payload.body)
        // What a receiver written in Swift does with the same request.
        try WebhookSignature.verify(header: request.headers["crisis-signature"], body: request.body, secret: Self.secret)
        #expect(throws: WebhookSignature.Refusal.mismatch) {
            try WebhookSignature.verify(header: request.headers["crisis-signature"], body: request.body,
                                        secret: WebhookSecret.generate())
        }
    }

    @Test func theReceiverRefusesAWrongSecretToo() async throws {
        let receiver = try WebhookReceiver(responses: [.status(204)], secret: WebhookSecret.generate().text)
        let (outcome, _) = try await Self.post(to: receiver)
        #expect(outcome.isDelivered)
        #expect(try receiver.requests().only?.signature == "mismatch")
    }

    @Test func a500IsATemporaryFailureWithTheReceiversReason() async throws {
        let receiver = try WebhookReceiver(responses: [.status(500, body: "internal error: \u{1B}[2J database\nis down")])
        let (outcome, url) = try await Self.post(to: receiver)
        guard case .failed(let reason, let temporary, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(temporary)
        #expect(reason == "500 (internal error: ␛[2J database↵ is down)")
        #expect(outcome.line(to: url) == "webhook to 127.0.0.1:\(receiver.port): 500 (internal error: ␛[2J database↵ is down)")
    }

    @Test(arguments: [(408, true), (429, true), (503, true), (400, false), (404, false), (410, false)])
    func theStatusSaysWhetherToRetry(status: Int, temporary: Bool) async throws {
        let receiver = try WebhookReceiver(responses: [.status(status)])
        let (outcome, _) = try await Self.post(to: receiver)
        guard case .failed(let reason, let isTemporary, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(isTemporary == temporary)
        #expect(reason.hasPrefix("\(status) ("), "\(reason)")
    }

    @Test func aLongAnswerIsCutTo200Characters() async throws {
        let receiver = try WebhookReceiver(responses: [.status(502, body: String(repeating: "é", count: 5000))])
        let (outcome, _) = try await Self.post(to: receiver)
        guard case .failed(let reason, true, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(reason == "502 (" + String(repeating: "é", count: 200) + "…)")
    }

    @Test func aRedirectIsAPermanentFailureAndNotFollowed() async throws {
        let other = try WebhookReceiver()
        let receiver = try WebhookReceiver(responses: [.redirect(301, location: other.baseURL + "/moved")])
        // Both CAs trusted, so following the redirect would have worked: not following it is a decision.
        let both = receiver.caFile + ".both"
        try (String(contentsOfFile: receiver.caFile, encoding: .utf8) + String(contentsOfFile: other.caFile, encoding: .utf8))
            .write(toFile: both, atomically: true, encoding: .utf8)
        let (outcome, _) = try await Self.post(to: receiver, caFile: both)
        guard case .failed(let reason, let temporary, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(!temporary)
        #expect(reason == "301 redirected to \(other.baseURL)/moved; not followed: update the subscription")
        #expect(try other.requests().isEmpty, "the other host was contacted")
        #expect(try receiver.requests().count == 1)
        try? FileManager.default.removeItem(atPath: both)
    }

    @Test(arguments: [302, 307, 308])
    func everyRedirectIsRefused(status: Int) async throws {
        let receiver = try WebhookReceiver(responses: [.redirect(status, location: "https://other.example/crisis")])
        let (outcome, _) = try await Self.post(to: receiver)
        #expect(outcome == .failed(
            reason: "\(status) redirected to https://other.example/crisis; not followed: update the subscription",
            isTemporary: false, elapsed: outcome.elapsed))
    }

    @Test func aHangBeyondTheTimeoutIsATemporaryFailure() async throws {
        // The receiver would answer after 30 s; a 1 s timeout must end the wait long before (bounds are loose:
        // the point is that it did not wait the 30 s, on however loaded a machine).
        let receiver = try WebhookReceiver(responses: [.delay(seconds: 30)])
        let clock = ContinuousClock()
        let start = clock.now
        let (outcome, _) = try await Self.post(to: receiver, timeout: .seconds(1))
        #expect(clock.now - start < .seconds(20), "the timeout (and closing the connection) did not stop the wait")
        guard case .failed(let reason, let temporary, let elapsed) = outcome else { Issue.record("\(outcome)"); return }
        #expect(temporary)
        #expect(reason == "timed out after 1 s")
        #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(20))
    }

    @Test func aCertificateFromAnUntrustedCAIsAPermanentTLSFailure() async throws {
        let stranger = try WebhookReceiver()
        let receiver = try WebhookReceiver(responses: [.status(200)])
        let (outcome, _) = try await Self.post(to: receiver, caFile: stranger.caFile)
        guard case .failed(let reason, let temporary, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(!temporary)
        #expect(reason.hasPrefix("TLS: certificate not trusted ("), "\(reason)")
        #expect(try receiver.requests().isEmpty, "a request went out over an untrusted connection")
    }

    @Test func withoutTheCAFileTheSystemRootsDoNotTrustTheReceiver() async throws {
        let receiver = try WebhookReceiver(responses: [.status(200)])
        let url = try WebhookURL(receiver.baseURL + "/crisis", allowPrivate: true)
        let outcome = try await WebhookPoster.with(try .fromEnvironment([:])) { poster in
            await poster.post(try WebhookPayload(WebhookFixtures.briefing()), to: url, secret: Self.secret)
        }
        #expect(!outcome.isDelivered && !outcome.isTemporaryFailure, "\(outcome)")
    }

    @Test func aClosedPortIsATemporaryFailure() async throws {
        let receiver = try WebhookReceiver()
        receiver.stop()
        let (outcome, _) = try await Self.post(to: receiver)
        guard case .failed(let reason, let temporary, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(temporary)
        #expect(reason == "connection refused")
    }

    /// Without --allow-private, a name resolving to loopback is refused before any connection.
    @Test func aNameResolvingToLoopbackIsRefusedAtSendTime() async throws {
        let receiver = try WebhookReceiver(responses: [.status(200)])
        let url = try WebhookURL("https://hooks.acme.example:\(receiver.port)/crisis")
        let resolver = WebhookResolver { _ in .success(["127.0.0.1"]) }
        let configuration = WebhookPoster.Configuration(trustedCAFile: receiver.caFile, resolver: resolver)
        let outcome = try await WebhookPoster.with(configuration) { poster in
            await poster.post(try WebhookPayload(WebhookFixtures.briefing()), to: url, secret: Self.secret)
        }
        #expect(outcome == .failed(
            reason: "hooks.acme.example resolves to 127.0.0.1, which is a private address (loopback); pass --allow-private to post inside your network",
            isTemporary: false, elapsed: outcome.elapsed))
        #expect(try receiver.requests().isEmpty)
        let unresolved = WebhookResolver { host in .failure(CommandError("DNS: cannot resolve \(host) (Name or service not known)")) }
        let dns = try await WebhookPoster.with(.init(resolver: unresolved)) { poster in
            await poster.post(try WebhookPayload(WebhookFixtures.briefing()), to: url, secret: Self.secret)
        }
        #expect(dns.isTemporaryFailure)
    }

    @Test func anUnreadableCAFileIsRefusedWithOneLine() throws {
        let directory = try TemporaryDirectory()
        try "not a certificate".write(toFile: directory.path("ca.pem"), atomically: true, encoding: .utf8)
        for path in [directory.path("ca.pem"), directory.path("missing.pem")] {
            let error = #expect(throws: CommandError.self) { try WebhookPoster(.init(trustedCAFile: path)) }
            #expect(error?.message.hasPrefix("CRISIS_CA_FILE \(path): no PEM certificate could be read") == true)
        }
        #expect(try WebhookPoster.Configuration.fromEnvironment(["CRISIS_CA_FILE": "/etc/team-ca.pem"]).trustedCAFile
            == "/etc/team-ca.pem")
        #expect(try WebhookPoster.Configuration.fromEnvironment(["CRISIS_WEBHOOK_TIMEOUT": "45"]).timeout == .seconds(45))
        for bad in ["0", "121", "soon", "1.5"] {
            let error = #expect(throws: CommandError.self) {
                try WebhookPoster.Configuration.fromEnvironment(["CRISIS_WEBHOOK_TIMEOUT": bad])
            }
            #expect(error?.message.contains("1 to 120") == true)
        }
    }
}

extension Array {
    /// The one element, nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
