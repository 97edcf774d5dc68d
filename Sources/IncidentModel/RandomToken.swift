import Foundation

/// Secrets made of random bytes, written in base64url without padding: a webhook's signing secret, a status
/// page's share token. 32 bytes from the system's cryptographic generator unless a test gives its own.
public enum RandomToken {
    public static func base64url(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return base64url(bytes: count, using: &generator)
    }

    public static func base64url(bytes count: Int = 32, using generator: inout some RandomNumberGenerator) -> String {
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
