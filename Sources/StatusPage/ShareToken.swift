import Foundation
import IncidentModel

/// The secret in a shared status page's address: 32 random bytes in base64url, which nobody guesses.
/// Only its SHA-256 is logged (`PageShare.tokenHash`), so the database opens no page by itself.
public struct ShareToken: Sendable, Equatable {
    public let text: String

    /// 32 bytes from the system's cryptographic generator.
    public static func generate() -> ShareToken {
        ShareToken(text: RandomToken.base64url(bytes: 32))
    }

    /// A token as it came in a request: nil unless it has the shape `generate()` gives (43 base64url
    /// characters), so a path of any other shape is turned away before any hashing or lookup.
    public init?(presented text: some StringProtocol) {
        guard text.utf8.count == 43,
              text.utf8.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        self.text = String(text)
    }

    private init(text: String) {
        self.text = text
    }

    private static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// What the log keeps: lower-case hex SHA-256 of the token.
    public var hash: String { SHA256Hex.of(text) }

    /// The share's public name: `s-` and the first 8 hex digits of the hash of the hash, so it says nothing
    /// about the stored hash either.
    public var shareID: String {
        "s-" + SHA256Hex.of(hash, bytes: 4)
    }

    /// The share this token opens among `shares`, compared in constant time: every share is compared, and
    /// each comparison looks at every byte, so the time taken tells nothing about how close a guess came.
    public func matching(_ shares: [PageShare]) -> PageShare? {
        let presented = Array(hash.utf8)
        var found: PageShare?
        for share in shares {
            let stored = Array(share.tokenHash.utf8)
            guard stored.count == presented.count else { continue }
            var difference: UInt8 = 0
            for index in stored.indices { difference |= stored[index] ^ presented[index] }
            if difference == 0 { found = share }
        }
        return found
    }
}
