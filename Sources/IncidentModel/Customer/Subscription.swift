import Foundation

/// A customer contact who is sent the incident's updates: an e-mail address or an `https://` webhook.
/// Recorded as an event, so the debrief says who was told what.
public struct Subscription: Equatable, Sendable {
    /// `jane@acme.example` or `https://hooks.acme.example/crisis`, as validated when subscribed.
    public let address: String
    /// How the contact is greeted and listed: `Jane Doe`.
    public let name: String?
    /// Set when the contact gets every incident of this customer from now on, not this incident alone.
    public let customer: String?
    /// The contact's time zone (an IANA name such as `Europe/Berlin`) for the times in what they are sent.
    public let zone: String?
    /// A webhook's signing secret; nil for mail. Never shown again after `subscribe` prints it.
    public let secret: String?
    /// A webhook inside the team's own network (a private or loopback address), allowed on purpose.
    public let allowPrivate: Bool

    public init(address: String, name: String?, customer: String?, zone: String?, secret: String?,
                allowPrivate: Bool = false) {
        self.address = address
        self.name = name
        self.customer = customer
        self.zone = zone
        self.secret = secret
        self.allowPrivate = allowPrivate
    }

    public var channel: DeliveryChannel { SubscriberAddress.isWebhook(address) ? .webhook : .mail }

    /// The zone the contact reads times in: their own, else UTC.
    public var timeZone: TimeZone { zone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")! }

    /// `Jane Doe <jane@acme.example>` or the webhook's host, for lists and receipts.
    public var label: String {
        switch channel {
        case .mail: name.map { "\($0) <\(address)>" } ?? address
        // The host alone (a path can hold a token), with the name given at subscribing when there is one: two
        // webhooks on one host are told apart by their names (found in review).
        case .webhook: name.map { "webhook \($0) (\(SubscriberAddress.host(of: address)))" }
            ?? "webhook " + SubscriberAddress.host(of: address)
        }
    }
}

/// How an update reaches a contact.
public enum DeliveryChannel: String, Sendable, Codable {
    case mail, webhook
}

/// A subscription as the log holds it: who added it, when, and until when it stood.
public struct Subscriber: Equatable, Sendable, Encodable {
    public let sequence: Int
    public let at: Date
    public let author: String
    public let subscription: Subscription
    /// The newest update already sent to others when this contact was added while the incident was open:
    /// they get it too, so nobody added mid-incident waits for the next briefing to hear anything.
    public let catchUpNotice: Int?
    /// The event that ended it: an unsubscribe, or a new subscription of the same address.
    public internal(set) var endedBy: Int?

    public var isActive: Bool { endedBy == nil }
}

extension Subscription: Encodable {
    private enum CodingKeys: String, CodingKey {
        case address, name, customer, zone, channel, allowPrivate
    }

    /// For `show --json` and the debrief: everything but the secret, which was shown once.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(customer, forKey: .customer)
        try c.encodeIfPresent(zone, forKey: .zone)
        try c.encode(channel, forKey: .channel)
        if allowPrivate { try c.encode(true, forKey: .allowPrivate) }
    }
}
