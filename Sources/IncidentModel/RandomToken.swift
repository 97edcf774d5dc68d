import Foundation

/// Random tokens from the system's cryptographic generator: secrets made of random bytes, written in base64url
/// without padding (a webhook's signing secret, a status page's share token: 32 bytes unless a test gives its own),
/// and the keys that make a retried post safe.
public enum RandomToken {
    /// A version-4 UUID in its usual spelling: an entry's idempotency key. From the system's generator
    /// (getrandom), not `UUID()`, which on Linux opens and reads /dev/urandom for each one: a typed line waited
    /// ~50 µs for those three system calls.
    public static func uuid() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<2).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64, Array.init) }
        bytes[6] = bytes[6] & 0x0F | 0x40 // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80 // the RFC 9562 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])).uuidString
    }

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
