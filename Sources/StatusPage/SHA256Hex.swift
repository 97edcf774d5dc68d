import Crypto
import Foundation

/// A SHA-256 in lower-case hex, whole or cut to its first bytes: share tokens' hashes, the page's version, the
/// assets' version and the Statuspage page id are all made this one way.
enum SHA256Hex {
    static func of(_ data: Data, bytes: Int = SHA256.byteCount) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(bytes * 2)
        // Two table lookups a byte: String(format:) was most of a busy server's time (Tests/Benchmarks/serve.py).
        for byte in SHA256.hash(data: data).prefix(bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    static func of(_ text: String, bytes: Int = SHA256.byteCount) -> String {
        of(Data(text.utf8), bytes: bytes)
    }
}
