import Foundation

/// The key a subscription's deliveries are signed with, shared with the customer once.
///
/// ```swift
/// let secret = WebhookSecret.generate()          // whsec_ and 43 base64url characters (32 random bytes)
/// let theirs = try WebhookSecret(parsing: "whsec_…")
/// ```
///
/// The HMAC key is the whole text as shown, `whsec_` included, as Stripe does: a receiver passes the string it
/// was given to its HMAC function and never has to decode anything.
public struct WebhookSecret: Sendable, Equatable, CustomStringConvertible {
    public static let prefix = "whsec_"
    /// Fewer random bytes than this can be guessed offline from one signed delivery.
    public static let minimumBytes = 16

    /// The secret to show the customer (once) and to store.
    public let text: String

    /// 32 bytes from the system's cryptographic generator.
    public static func generate() -> WebhookSecret {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// For tests that need a known secret; production uses `generate()`.
    public static func generate(using generator: inout some RandomNumberGenerator) -> WebhookSecret {
        WebhookSecret(text: prefix + RandomToken.base64url(bytes: 32, using: &generator))
    }

    private init(text: String) {
        self.text = text
    }

    /// A secret given back to crisis (from a file, an environment variable or a customer who made their own).
    /// Its length is what is checked: hex carries 4 bits a character, base64 and the rest are counted at 6.
    public init(parsing given: String) throws(CommandError) {
        let text = given.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw CommandError("a webhook secret is printable ASCII without spaces, such as whsec_ and 43 "
                + "base64url characters (crisis makes one for each subscription)")
        }
        let body = text.hasPrefix(Self.prefix) ? text.dropFirst(Self.prefix.count) : Substring(text)
        let isHex = body.allSatisfy(\.isHexDigit)
        let bytes = isHex ? body.count / 2 : body.count * 6 / 8
        guard bytes >= Self.minimumBytes else {
            throw CommandError("a webhook secret needs at least \(Self.minimumBytes) random bytes (32 hex or 22 "
                + "base64url characters after whsec_); this one has about \(bytes)")
        }
        self.text = text
    }

    /// Never the secret itself: a secret printed by accident (a log line, a test failure) is a secret leaked.
    public var description: String {
        "\(text.hasPrefix(Self.prefix) ? Self.prefix : "")… (a webhook secret, \(text.count) characters)"
    }
}
