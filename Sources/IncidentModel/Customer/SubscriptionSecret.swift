/// A webhook subscription's signing secret: made from 32 random bytes when none is given, shown once.
public enum SubscriptionSecret {
    /// Fewer characters than this guess too easily.
    public static let shortest = 24

    /// `whsec_` and 64 hex digits of 32 bytes from the system's random source.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "whsec_" + bytes.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// A secret the receiver already has, as given.
    public static func validated(_ secret: String) throws(CommandError) -> String {
        guard secret.count >= shortest, secret.count <= 256,
              secret.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw CommandError("a webhook secret needs \(shortest) to 256 printable ASCII characters without spaces; leave --secret out to have one made")
        }
        return secret
    }
}
