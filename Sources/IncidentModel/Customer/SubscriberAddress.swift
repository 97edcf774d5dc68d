import Foundation

/// A subscriber's address, checked where every front end checks its words: an e-mail address
/// (`jane@acme.example`) or an `https://` URL that `WebhookURL` accepts (no credentials, no private host
/// unless allowed). Where a public name leads is checked again when each delivery is made.
public enum SubscriberAddress {
    /// The longest address accepted: RFC 5321 allows 254 characters for a mailbox; URLs get more room.
    public static let longest = 2048

    public static func isWebhook(_ address: String) -> Bool {
        address.lowercased().hasPrefix("https://") || address.lowercased().hasPrefix("http://")
    }

    /// The address as it will be stored, or a one-line refusal that says what is accepted.
    public static func validated(_ raw: String, allowPrivate: Bool = true) throws(CommandError) -> String {
        let address = raw.trimmingCharacters(in: .whitespaces)
        let accepted = "an e-mail address (jane@acme.example) or an https:// webhook URL"
        guard !address.isEmpty else { throw CommandError("subscribe needs \(accepted)") }
        guard address.count <= longest else {
            throw CommandError("the address is \(address.count) characters long: at most \(longest) are accepted")
        }
        guard !address.unicodeScalars.contains(where: { $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .format || $0.properties.isWhitespace }) else {
            throw CommandError("'\(TerminalSafeText.sanitize(address))' holds spaces or control characters: give \(accepted)")
        }
        if isWebhook(address) {
            return try WebhookURL(address, allowPrivate: allowPrivate).url.absoluteString
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
              !parts[1].hasSuffix("."), parts[1].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }),
              !parts[0].contains(where: { "<>()[]\\,;:\"".contains($0) }), address.allSatisfy(\.isASCII) else {
            throw CommandError("'\(TerminalSafeText.sanitize(address))' is not an address crisis can send to: give \(accepted)")
        }
        return address
    }

    /// `hooks.acme.example` for a webhook URL; the address itself for mail.
    public static func host(of address: String) -> String {
        URLComponents(string: address)?.host ?? address
    }
}
