import Foundation
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// Looks a webhook's host up before posting, so a public-looking name that points inside the network
/// (`hooks.acme.example` → 127.0.0.1) is refused like the literal address would be.
///
/// The HTTP client resolves the name again when it connects, and AsyncHTTPClient offers no way to connect to
/// the address checked here while keeping the name for TLS; a name whose answer changes between the two
/// look-ups (DNS rebinding) is therefore not stopped by this check alone.
public struct WebhookResolver: Sendable {
    /// The numeric addresses of a host (`["203.0.113.9", "2001:db8::9"]`), or an error line when it has none.
    public let addresses: @Sendable (_ host: String) async -> Result<[String], CommandError>

    public init(addresses: @escaping @Sendable (_ host: String) async -> Result<[String], CommandError>) {
        self.addresses = addresses
    }

    /// `getaddrinfo`, run off the concurrency pool: it blocks for as long as the DNS server takes.
    public static let system = WebhookResolver { host in
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: lookUp(host)) }
        }
    }

    static func lookUp(_ host: String) -> Result<[String], CommandError> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else {
            return .failure(CommandError("DNS: cannot resolve \(host) (\(String(cString: gai_strerror(status))))"))
        }
        defer { freeaddrinfo(list) }
        var found: [String] = []
        var entry = list
        while let current = entry?.pointee {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if let address = current.ai_addr,
               getnameinfo(address, current.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                let numeric = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !found.contains(numeric) { found.append(numeric) }
            }
            entry = current.ai_next
        }
        guard !found.isEmpty else { return .failure(CommandError("DNS: \(host) has no address")) }
        return .success(found)
    }

    /// The refusal for the first private address among `addresses`, nil when all are public.
    public static func privateRefusal(host: String, addresses: [String]) -> CommandError? {
        for address in addresses {
            // A scoped IPv6 link-local address comes back as fe80::1%eth0.
            let bare = String(address.prefix { $0 != "%" })
            if let kind = PrivateAddress.kind(ofAddress: bare) {
                return CommandError(WebhookURL.privateRefusal("\(host) resolves to \(bare), which", kind: kind))
            }
        }
        return nil
    }
}
