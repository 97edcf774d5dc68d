import CrisisTestSupport
import CustomerDelivery
import Foundation
import IncidentModel
import Testing

struct WebhookSignatureTests {
    static let secret = try! WebhookSecret(parsing: "whsec_MfrKnz0pW3oBeh7Cq5sLvJ2dG8xYtUaN4iE6kHgQ1cZ")
    static let now = Date(timeIntervalSince1970: 1_795_444_509.9)
    static let body = Data(#"{"id":"inc12-1795442709-40","type":"incident.briefing"}"#.utf8)

    /// Stripe's scheme, fixed here so a change to what is signed is a failing test, not a surprise to receivers.
    @Test func theHeaderIsTheHMACOfTheTimestampDotBody() {
        let header = WebhookSignature.header(body: Self.body, secret: Self.secret, at: Self.now)
        #expect(header.hasPrefix("t=1795444509,v1="))
        // python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec_…", b"1795444509." + body, hashlib.sha256).hexdigest())'
        #expect(header == "t=1795444509,v1=" + Self.pythonHMAC)
    }

    static let pythonHMAC = "c200e1e3a27b5119975db7d9a1d4c19735961fc4896956d70c657d018e1b5c8f"

    @Test func aDeliveryCarriesItsIdAndEvent() throws {
        let payload = try WebhookPayload(WebhookFixtures.briefing())
        let headers = WebhookSignature.headers(for: payload, secret: Self.secret, at: Self.now)
        #expect(headers.map(\.name) == ["Crisis-Signature", "Crisis-Delivery", "Crisis-Event"])
        #expect(headers[1].value == "inc12-1795442709-u3")
        #expect(headers[2].value == "incident.briefing")
    }

    @Test func aSignedBodyVerifies() throws {
        let header = WebhookSignature.header(body: Self.body, secret: Self.secret, at: Self.now)
        try WebhookSignature.verify(header: header, body: Self.body, secret: Self.secret, now: Self.now)
        try WebhookSignature.verify(header: header, body: Self.body, secret: Self.secret, now: Self.now + 299)
        // During a secret's replacement a header carries two signatures; one that matches is enough.
        let other = WebhookSecret.generate()
        let rotated = WebhookSignature.header(body: Self.body, secret: other, at: Self.now) + ","
            + header.split(separator: ",")[1]
        try WebhookSignature.verify(header: rotated, body: Self.body, secret: Self.secret, now: Self.now)
    }

    @Test func aBodyChangedByOneByteIsRefused() {
        let header = WebhookSignature.header(body: Self.body, secret: Self.secret, at: Self.now)
        var changed = Self.body
        changed[changed.count - 3] ^= 0x01
        #expect(throws: WebhookSignature.Refusal.mismatch) {
            try WebhookSignature.verify(header: header, body: changed, secret: Self.secret, now: Self.now)
        }
    }

    @Test func aWrongSecretIsRefused() {
        let header = WebhookSignature.header(body: Self.body, secret: WebhookSecret.generate(), at: Self.now)
        #expect(throws: WebhookSignature.Refusal.mismatch) {
            try WebhookSignature.verify(header: header, body: Self.body, secret: Self.secret, now: Self.now)
        }
    }

    /// A captured delivery replayed later, or one from a clock far ahead, is refused by its age.
    @Test func aTimestampOutsideTheToleranceIsRefused() {
        let header = WebhookSignature.header(body: Self.body, secret: Self.secret, at: Self.now)
        #expect(throws: WebhookSignature.Refusal.outsideTolerance(seconds: 301)) {
            try WebhookSignature.verify(header: header, body: Self.body, secret: Self.secret, now: Self.now + 301)
        }
        #expect(throws: WebhookSignature.Refusal.outsideTolerance(seconds: -400)) {
            try WebhookSignature.verify(header: header, body: Self.body, secret: Self.secret, now: Self.now - 400)
        }
        #expect(throws: WebhookSignature.Refusal.outsideTolerance(seconds: 61)) {
            try WebhookSignature.verify(header: header, body: Self.body, secret: Self.secret, now: Self.now + 61,
                                        tolerance: .seconds(60))
        }
        // The timestamp is signed: moving it forward breaks the signature.
        let moved = header.replacingOccurrences(of: "t=1795444509", with: "t=1795444809")
        #expect(throws: WebhookSignature.Refusal.mismatch) {
            try WebhookSignature.verify(header: moved, body: Self.body, secret: Self.secret, now: Self.now + 300)
        }
    }

    @Test(arguments: [nil, "", "v1=00", "t=1795444509", "t=abc,v1=" + String(repeating: "0", count: 64),
                      "t=1795444509,v1=xyz", "t=1795444509,v1=" + String(repeating: "ｆ", count: 64),
                      "t=1795444509,v0=" + String(repeating: "0", count: 64)])
    func aMalformedHeaderIsRefused(header: String?) {
        #expect(throws: WebhookSignature.Refusal.malformed) {
            try WebhookSignature.verify(header: header, body: Self.body, secret: Self.secret, now: Self.now)
        }
    }

    @Test func aGeneratedSecretIs32RandomBytesShownAsWhsec() throws {
        let secret = WebhookSecret.generate()
        #expect(secret.text.hasPrefix("whsec_"))
        #expect(secret.text.count == 6 + 43)
        #expect(secret.text.dropFirst(6).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(secret != WebhookSecret.generate())
        #expect(try WebhookSecret(parsing: " \(secret.text)\n") == secret)
        // One generator, one secret: the same seed twice gives the same secret, so generate(using:) uses it all.
        let seed = ["CRISIS_TEST_SEED": "\(UInt64.random(in: 1...UInt64.max))"]
        var random = ReplayableRandom("aGeneratedSecretIs32RandomBytesShownAsWhsec", environment: seed)
        var again = ReplayableRandom("aGeneratedSecretIs32RandomBytesShownAsWhsec", environment: seed)
        #expect(WebhookSecret.generate(using: &random) == WebhookSecret.generate(using: &again))
        #expect(!"\(secret)".contains(secret.text.dropFirst(6)), "a secret printed by accident shows nothing of it")
    }

    @Test(arguments: [
        ("whsec_short", "at least 16 random bytes"), ("0123456789abcdef0123456789abcde", "at least 16 random bytes"),
        ("whsec_abc def ghi jkl mno pqr stu", "printable ASCII without spaces"), ("", "printable ASCII"),
        ("whsec_ä" + String(repeating: "a", count: 30), "printable ASCII"),
    ])
    func aWeakOrOddSecretIsRefused(text: String, mentions: String) {
        let error = #expect(throws: CommandError.self) { try WebhookSecret(parsing: text) }
        #expect(error?.message.contains(mentions) == true, "\(error?.message ?? "")")
    }

    @Test func aCustomersOwnSecretOfEnoughEntropyIsAccepted() throws {
        #expect(try WebhookSecret(parsing: "0123456789abcdef0123456789abcdef").text.count == 32)
        #expect(try WebhookSecret(parsing: "whsec_Zm9vYmFyYmF6cXV4cXV1eA").text == "whsec_Zm9vYmFyYmF6cXV4cXV1eA")
        // Only hex digits are counted as hex, 4 bits each: 22 of them are 11 bytes, too few.
        #expect(throws: CommandError.self) { try WebhookSecret(parsing: "whsec_AAAAAAAAAAAAAAAAAAAAAA") }
    }
}
