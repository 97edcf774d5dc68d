import Foundation
import IncidentModel

/// What a notice would look like to the incident's subscribers, without sending it: the e-mail as the
/// first mail subscriber would read it (or as a stand-in reader would, when nobody is subscribed by mail),
/// and the webhook's JSON when webhooks are subscribed.
public struct NoticePreview: Sendable {
    public let notice: CustomerNotice
    public let subscribers: [Subscription]
    public let from: MailAddress

    public init(_ notice: CustomerNotice, subscribers: [Subscription], from: MailAddress) {
        self.notice = notice
        self.subscribers = subscribers
        self.from = from
    }

    /// The preview as lines: a heading that says nothing was sent, the e-mail, then the webhook body.
    public var lines: [String] {
        let mails = subscribers.filter { $0.channel == .mail }
        let hooks = subscribers.filter { $0.channel == .webhook }
        let label = notice.occasion == .opened ? "U0" : "U\(notice.updateNumber)"
        var out = ["Preview of \(label), nothing sent: "
            + (subscribers.isEmpty ? "nobody is subscribed yet (crisis subscribe ADDRESS)"
               : "it would go to \(mails.count) by mail and \(hooks.count) by webhook")]
        let reader = mails.first
        let recipient = reader.flatMap { try? MailAddress(address: $0.address, displayName: $0.name) }
            ?? (try? MailAddress(address: "customer@example.invalid", displayName: notice.customer ?? "Customer"))
        if let recipient {
            out.append("")
            out += MailMessage(notice, from: from, to: recipient, zone: reader?.timeZone ?? TimeZone(identifier: "UTC")!)
                .readable.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        if !hooks.isEmpty, let payload = try? WebhookPayload(notice),
           let object = try? JSONSerialization.jsonObject(with: payload.body),
           let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) {
            out.append("")
            out.append("Webhook body (POSTed, signed, to \(hooks.map { SubscriberAddress.host(of: $0.address) }.joined(separator: ", "))):")
            out += String(decoding: pretty, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        return out
    }
}
