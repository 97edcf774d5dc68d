import Foundation

// The factories and the resolution of `subscribe`, `unsubscribe` and `undelivered`: the rules of who is sent
// the customer's updates, checked the same way from the command line and the composer.
extension Command {
    public static func subscribe(_ address: String, name: String?, customer: String?, zone: String?,
                                 secret: String?, allowPrivate: Bool) throws(CommandError) -> Command {
        let address = try SubscriberAddress.validated(address, allowPrivate: allowPrivate)
        let isWebhook = SubscriberAddress.isWebhook(address)
        if !isWebhook && secret != nil {
            throw CommandError("--secret is for webhooks: mail is not signed")
        }
        if !isWebhook && allowPrivate {
            throw CommandError("--allow-private is for webhooks inside your network, not for mail")
        }
        if let zone, TimeZone(identifier: zone) == nil {
            throw CommandError("'\(TerminalSafeText.sanitize(zone))' is not a time zone: give an IANA name such as Europe/Berlin or America/New_York")
        }
        let secret = try secret.map { raw throws(CommandError) in try WebhookSecret(parsing: raw).text }
        return .subscribe(Subscription(
            address: address, name: try name.map { n throws(CommandError) in try EntryText.validated(n, "the name (--name)") },
            customer: try customer.map { c throws(CommandError) in try EntryText.validated(c, "the customer (--customer)") },
            zone: zone, secret: secret, allowPrivate: allowPrivate))
    }

    public static func unsubscribe(_ address: String) throws(CommandError) -> Command {
        .unsubscribe(address: try SubscriberAddress.validated(address, allowPrivate: true))
    }

    public static func undelivered(_ reference: String, why: String) throws(CommandError) -> Command {
        var digits = Substring(reference)
        if digits.uppercased().hasPrefix("U") { digits = digits.dropFirst() }
        guard let number = Int(digits), number >= 0, digits.allSatisfy(\.isASCIIDigit) else {
            throw CommandError("'\(TerminalSafeText.sanitize(reference))' is not an update: use U<number> as the receipts show it, like U2 (U0 is the opening notice)")
        }
        return .undelivered(update: number, why: try EntryText.validated(why, "the reason"))
    }

    static func subscribing(_ subscription: Subscription, to incident: Incident) throws(CommandError) -> EventPayload {
        if let customer = subscription.customer {
            guard let own = incident.customer else {
                throw CommandError("\(incident.id) names no customer, so --customer \(customer) cannot follow it: subscribe to this incident alone")
            }
            guard own.lowercased() == customer.lowercased() else {
                throw CommandError("\(incident.id) is \(own)'s: --customer must name \(own), or leave it out to subscribe to this incident alone")
            }
        }
        var subscription = subscription
        if let standing = incident.activeSubscribers.first(where: { $0.subscription.address == subscription.address }) {
            // Subscribed again, a contact keeps what was not given again: someone checking that Bob is on the list
            // must not wipe his name and zone (found in review), nor end his subscription and begin another.
            let kept = standing.subscription
            subscription = Subscription(address: subscription.address, name: subscription.name ?? kept.name,
                                        customer: subscription.customer ?? kept.customer,
                                        zone: subscription.zone ?? kept.zone, secret: subscription.secret,
                                        allowPrivate: subscription.allowPrivate || kept.allowPrivate)
            if kept.customer == subscription.customer, kept.name == subscription.name, kept.zone == subscription.zone,
               subscription.secret == nil {
                let details = [kept.name.map { "as \($0)" }, kept.customer.map { "every \($0) incident" },
                               kept.zone.map { "times in \($0)" }].compactMap { $0 }
                throw CommandError("\(SubscriberAddress.shown(subscription.address)) is already subscribed to \(incident.id)"
                    + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
                    + ": nothing changed; --name, --zone or --customer change what it has")
            }
        }
        if subscription.channel == .webhook && subscription.secret == nil {
            subscription = Subscription(address: subscription.address, name: subscription.name,
                                        customer: subscription.customer, zone: subscription.zone,
                                        secret: WebhookSecret.generate().text, allowPrivate: subscription.allowPrivate)
        }
        return .subscribed(subscription)
    }

    static func unsubscribing(_ address: String, from incident: Incident) throws(CommandError) -> EventPayload {
        guard let standing = incident.activeSubscribers.first(where: { $0.subscription.address == address }) else {
            let known = incident.activeSubscribers.map { incident.shownContact($0.subscription.address) }
            throw CommandError("\(SubscriberAddress.shown(address)) is not subscribed to \(incident.id): " + (known.isEmpty ? "it has no subscribers" : "its subscribers are \(known.joined(separator: ", "))"))
        }
        return .unsubscribed(address: standing.subscription.address, customer: standing.subscription.customer)
    }

    public static func redeliver(_ reference: String) throws(CommandError) -> Command {
        guard case let .undelivered(number, _) = try undelivered(reference, why: "-") else {
            throw CommandError("redeliver takes an update: redeliver U2")
        }
        return .redeliver(update: number)
    }

    static func redelivering(_ number: Int, in incident: Incident) throws(CommandError) -> EventPayload {
        guard let notice = incident.notice(numbered: number) else {
            let last = incident.noticeEvents.last.map { incident.updateLabel($0.sequence) } ?? "U0"
            throw CommandError("U\(number) is not an update of \(incident.id): updates run from U0 (the opening notice) to \(last)")
        }
        let failed = incident.deliveryTracks(of: notice.sequence).filter { track in
            if case .failed = track.state { return incident.retryAsked(after: track) == nil }
            return false
        }
        guard !failed.isEmpty else {
            throw CommandError("U\(number) has no failed delivery to send again: its receipts are in 'crisis subscribers'")
        }
        return .deliveryRetried(notice: notice.sequence)
    }

    static func explainingDelivery(of number: Int, why: String, in incident: Incident) throws(CommandError) -> EventPayload {
        guard let notice = incident.notice(numbered: number) else {
            let last = incident.noticeEvents.last.map { incident.updateLabel($0.sequence) } ?? "U0"
            throw CommandError("U\(number) is not an update of \(incident.id): updates run from U0 (the opening notice) to \(last)")
        }
        let failed = incident.unexplainedFailedDeliveries.filter { $0.notice == notice.sequence }
        guard !failed.isEmpty else {
            throw CommandError("U\(number) has no failed delivery to explain: its receipts are in 'crisis subscribers'")
        }
        return .deliveryExplained(notice: notice.sequence, text: why)
    }
}
