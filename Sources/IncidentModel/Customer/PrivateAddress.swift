import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The addresses a webhook may not reach unless the team asks for it: loopback, private networks, link-local,
/// carrier-grade NAT, IPv6 unique-local, unspecified, multicast and reserved. A subscription is typed by
/// someone outside the war room; without this, `https://169.254.169.254/` or `https://localhost:8080/` would
/// make crisis post (and report the answer of) services that only trust the machine it runs on.
public enum PrivateAddress {
    /// What kind of private address `host` is, for the refusal (`"loopback"`, `"CGNAT"`…); nil for a public
    /// address or a name that is not `localhost` (names are checked again once resolved).
    public static func kind(ofHost host: String) -> String? {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        // "localhost." is the same name as "localhost": the resolver ignores the root's dot.
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" || name.hasSuffix(".localhost") { return "loopback" }
        return kind(ofAddress: name)
    }

    /// The kind of a numeric address, IPv4 or IPv6; nil when public or not numeric.
    ///
    /// IPv4 is read with `inet_aton`, which takes what `getaddrinfo` and browsers take too: `127.1`,
    /// `0x7f000001` and `2130706433` are all 127.0.0.1, and all refused.
    public static func kind(ofAddress text: String) -> String? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 < 0x80 && $0 > 0x20 }) else { return nil }
        if text.contains(":") {
            var address = in6_addr()
            guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
            return kind(ofIPv6: withUnsafeBytes(of: address) { Array($0) })
        }
        var address = in_addr()
        guard inet_aton(text, &address) != 0 else { return nil }
        return kind(ofIPv4: withUnsafeBytes(of: address.s_addr) { Array($0) })
    }

    /// Four bytes in network order.
    static func kind(ofIPv4 bytes: [UInt8]) -> String? {
        let (a, b) = (bytes[0], bytes[1])
        switch a {
        case 0: return "unspecified"
        case 10: return "private"
        case 127: return "loopback"
        case 100 where b & 0xC0 == 64: return "CGNAT"
        case 169 where b == 254: return "link-local"
        case 172 where b & 0xF0 == 16: return "private"
        case 192 where b == 168: return "private"
        case 224...239: return "multicast"
        case 240...255: return "reserved"
        default: return nil
        }
    }

    /// Sixteen bytes in network order.
    static func kind(ofIPv6 bytes: [UInt8]) -> String? {
        let leadingZeros = bytes.prefix(10).allSatisfy { $0 == 0 }
        // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible) reach the IPv4 address they carry.
        if leadingZeros, bytes[10] == 0xFF, bytes[11] == 0xFF { return kind(ofIPv4: Array(bytes.suffix(4))) }
        if leadingZeros, bytes[10] == 0, bytes[11] == 0 {
            let last = bytes.suffix(4)
            if last.allSatisfy({ $0 == 0 }) { return "unspecified" }
            if last.dropLast().allSatisfy({ $0 == 0 }), last.last == 1 { return "loopback" }
            return kind(ofIPv4: Array(last))
        }
        switch bytes[0] {
        case 0xFC, 0xFD: return "unique-local"
        case 0xFE where bytes[1] & 0xC0 == 0x80: return "link-local"
        case 0xFE where bytes[1] & 0xC0 == 0xC0: return "site-local"
        case 0xFF: return "multicast"
        default: return nil
        }
    }
}
