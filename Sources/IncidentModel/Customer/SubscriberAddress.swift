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
            return try WebhookURL(address, allowPrivate: allowPrivate).canonical
        }
        // Mail as the delivery side will send it (`MailAddress`), with a domain a customer's mail lives at;
        // stored in lower case, so a contact typed twice in different case is one contact.
        let mail: MailAddress
        do {
            mail = try MailAddress(address: address)
        } catch let error as CommandError {
            throw CommandError("\(error.message.replacingOccurrences(of: MailAddress.accepted, with: ""))give \(accepted)")
        } catch {
            throw CommandError("'\(TerminalSafeText.sanitize(address))' is not an address crisis can send to: give \(accepted)")
        }
        guard mail.domain.contains(".") else {
            throw CommandError("'\(TerminalSafeText.sanitize(address))' has no domain a customer's mail lives at: give \(accepted)")
        }
        return mail.address.lowercased()
    }

    /// How screens, logs and the debrief name a subscriber: a mail address as it is, a webhook by its host
    /// alone (`webhook hooks.acme.example`), since a chat tool's webhook path is its credential.
    public static func shown(_ address: String) -> String {
        isWebhook(address) ? "webhook " + host(of: address) : address
    }

    /// How a receipt says it went: mail is "mailed to", a webhook "posted to".
    public static func deliveredVerb(_ address: String) -> String {
        isWebhook(address) ? "posted to" : "mailed to"
    }

    /// `hooks.acme.example` for a webhook URL; the address itself for mail.
    public static func host(of address: String) -> String {
        URLComponents(string: address)?.host ?? address
    }
}
