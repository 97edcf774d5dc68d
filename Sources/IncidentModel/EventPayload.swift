import Foundation

/// What an event records. Referenced items (deadlines, questions, requests) are numbered by the fold in
/// the order they were created, so two writers can never hand out the same `D3`.
public enum EventPayload: Equatable, Sendable {
    case opened(title: String, severity: Severity, customer: String?, cadence: TimeInterval?)
    case note(text: String)
    case briefing(text: String, nextUpdateAt: Date, reason: String?)
    case deadlineSet(text: String, dueAt: Date, owner: String?)
    case deadlineMet(deadline: Int, note: String?)
    case deadlineDropped(deadline: Int, note: String?)
    case deadlineSlipped(deadline: Int, dueAt: Date, reason: String)
    case question(text: String)
    case answer(question: Int, text: String)
    case impact(text: String)
    case frame(text: String)
    case workaround(text: String)
    case customerRequest(text: String, reason: String)
    case customerRequestDone(request: Int)
    case owner(name: String, phone: String)
    /// A communications or technical lead takes over (behavior 5); the phone is optional, unlike the owner's.
    case role(IncidentRole, name: String, phone: String?)
    case status(IncidentStatus)
    case parked(text: String)
    /// The customer says it is fixed (seed 002, item 10: never assume it is solved until they say so).
    case confirmed(by: String, note: String?)
    /// Done. Without the customer's confirmation only with a reason, which stays in the record.
    /// `openItemsReason`: why the incident closed with questions, deadlines or requests still open.
    case closed(unconfirmedReason: String?, openItemsReason: String? = nil)
    /// A call back to the customer after the dust settles (seeds 000 and 003).
    case followUp(dueAt: Date, text: String)
    case followUpDone(followUp: Int)
    /// Someone was reminded that their move is due (issue 13); recorded once per subject and stage.
    case reminder(ReminderRecord)
    /// `/ack`: the reminder was seen; repeats of its stage stop.
    case reminderAcknowledged(subject: ReminderSubject, stage: ReminderStage)
    /// `/snooze 10m`: no reminder of the subject until then. The promised time itself does not move.
    case reminderSnoozed(subject: ReminderSubject, until: Date)
    /// How long before a promised update its first reminder goes; nil turns that early reminder off.
    case reminderLead(TimeInterval?)
    /// A process claimed running `hook` for event `event`: whoever records the claim runs the hook, once.
    case hookClaimed(hook: String, event: Int, firedBy: String)
    /// A hook failed: how (`exit 3`, `killed after 10s`), and the first line of its error output.
    case hookFailed(hook: String, status: String, detail: String)
    /// A customer contact added (issue 14); a second subscription of the same address replaces the first.
    case subscribed(Subscription)
    /// A contact removed; `customer` set when they leave every incident of that customer from now on.
    case unsubscribed(address: String, customer: String?)
    /// An attempt to deliver a notice, claimed by the process that makes it.
    case deliveryClaimed(DeliveryClaim)
    /// What became of an attempt.
    case deliveryReceipt(DeliveryReceipt)
    /// Why a notice was not delivered, said on record (`undelivered U4 …`).
    case deliveryExplained(notice: Int, text: String)
    /// `redeliver U4`: the update goes again to every subscriber it did not reach, once the cause is fixed.
    case deliveryRetried(notice: Int)
    /// `crisis share`: the customer's status page may be read with a new token (issue 15).
    case pageShared(PageShare)
    /// `crisis share --revoke`: a share of the customer's page ends; nil `share` ends every one of them.
    case pageUnshared(customer: String, share: String?)

    public var kind: EventKind {
        switch self {
        case .opened: .opened
        case .note: .note
        case .briefing: .briefing
        case .deadlineSet: .deadlineSet
        case .deadlineMet: .deadlineMet
        case .deadlineDropped: .deadlineDropped
        case .deadlineSlipped: .deadlineSlipped
        case .question: .question
        case .answer: .answer
        case .impact: .impact
        case .frame: .frame
        case .workaround: .workaround
        case .customerRequest: .customerRequest
        case .customerRequestDone: .customerRequestDone
        case .owner: .owner
        case .role: .role
        case .status: .status
        case .parked: .parked
        case .confirmed: .confirmed
        case .closed: .closed
        case .followUp: .followUp
        case .followUpDone: .followUpDone
        case .reminder: .reminder
        case .reminderAcknowledged: .reminderAcknowledged
        case .reminderSnoozed: .reminderSnoozed
        case .reminderLead: .reminderLead
        case .hookClaimed: .hookClaimed
        case .hookFailed: .hookFailed
        case .subscribed: .subscribed
        case .unsubscribed: .unsubscribed
        case .deliveryClaimed: .deliveryClaimed
        case .deliveryReceipt: .deliveryReceipt
        case .deliveryExplained: .deliveryExplained
        case .deliveryRetried: .deliveryRetried
        case .pageShared: .pageShared
        case .pageUnshared: .pageUnshared
        }
    }
}

extension EventPayload: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, title, severity, customer, cadence, text, nextUpdateAt, reason, dueAt, owner
        case deadline, note, question, request, name, phone, status, by, unconfirmedReason, openItemsReason, followUp
        case role
        case subject, stage, recipient, firedBy, until, lead, hook, event, detail
        case address, zone, secret, allowPrivate, notice, target, attempt, outcome, retryAt
        case share, tokenHash, label
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(EventKind.self, forKey: .kind)
        func text() throws -> String { try c.decode(String.self, forKey: .text) }
        switch kind {
        case .opened:
            self = .opened(
                title: try c.decode(String.self, forKey: .title),
                severity: try c.decode(Severity.self, forKey: .severity),
                customer: try c.decodeIfPresent(String.self, forKey: .customer),
                cadence: try c.decodeIfPresent(TimeInterval.self, forKey: .cadence))
        case .note: self = .note(text: try text())
        case .briefing:
            self = .briefing(
                text: try text(),
                nextUpdateAt: try c.decode(Date.self, forKey: .nextUpdateAt),
                reason: try c.decodeIfPresent(String.self, forKey: .reason))
        case .deadlineSet:
            self = .deadlineSet(
                text: try text(),
                dueAt: try c.decode(Date.self, forKey: .dueAt),
                owner: try c.decodeIfPresent(String.self, forKey: .owner))
        case .deadlineMet:
            self = .deadlineMet(
                deadline: try c.decode(Int.self, forKey: .deadline),
                note: try c.decodeIfPresent(String.self, forKey: .note))
        case .deadlineDropped:
            self = .deadlineDropped(
                deadline: try c.decode(Int.self, forKey: .deadline),
                note: try c.decodeIfPresent(String.self, forKey: .note))
        case .deadlineSlipped:
            self = .deadlineSlipped(
                deadline: try c.decode(Int.self, forKey: .deadline),
                dueAt: try c.decode(Date.self, forKey: .dueAt),
                reason: try c.decode(String.self, forKey: .reason))
        case .question: self = .question(text: try text())
        case .answer: self = .answer(question: try c.decode(Int.self, forKey: .question), text: try text())
        case .impact: self = .impact(text: try text())
        case .frame: self = .frame(text: try text())
        case .workaround: self = .workaround(text: try text())
        case .customerRequest:
            self = .customerRequest(text: try text(), reason: try c.decode(String.self, forKey: .reason))
        case .customerRequestDone: self = .customerRequestDone(request: try c.decode(Int.self, forKey: .request))
        case .owner:
            self = .owner(name: try c.decode(String.self, forKey: .name), phone: try c.decode(String.self, forKey: .phone))
        case .role:
            self = .role(try c.decode(IncidentRole.self, forKey: .role), name: try c.decode(String.self, forKey: .name),
                         phone: try c.decodeIfPresent(String.self, forKey: .phone))
        case .status: self = .status(try c.decode(IncidentStatus.self, forKey: .status))
        case .parked: self = .parked(text: try text())
        case .confirmed:
            self = .confirmed(by: try c.decode(String.self, forKey: .by), note: try c.decodeIfPresent(String.self, forKey: .note))
        case .closed:
            self = .closed(unconfirmedReason: try c.decodeIfPresent(String.self, forKey: .unconfirmedReason),
                           openItemsReason: try c.decodeIfPresent(String.self, forKey: .openItemsReason))
        case .followUp: self = .followUp(dueAt: try c.decode(Date.self, forKey: .dueAt), text: try text())
        case .followUpDone: self = .followUpDone(followUp: try c.decode(Int.self, forKey: .followUp))
        case .reminder:
            self = .reminder(ReminderRecord(
                subject: try Self.subject(c), stage: try Self.stage(c),
                recipient: try c.decode(String.self, forKey: .recipient),
                phone: try c.decodeIfPresent(String.self, forKey: .phone),
                dueAt: try c.decode(Date.self, forKey: .dueAt),
                firedBy: try c.decode(String.self, forKey: .firedBy)))
        case .reminderAcknowledged:
            self = .reminderAcknowledged(subject: try Self.subject(c), stage: try Self.stage(c))
        case .reminderSnoozed:
            self = .reminderSnoozed(subject: try Self.subject(c), until: try c.decode(Date.self, forKey: .until))
        case .reminderLead:
            self = .reminderLead(try c.decodeIfPresent(TimeInterval.self, forKey: .lead))
        case .hookClaimed:
            self = .hookClaimed(hook: try c.decode(String.self, forKey: .hook), event: try c.decode(Int.self, forKey: .event),
                                firedBy: try c.decode(String.self, forKey: .firedBy))
        case .hookFailed:
            self = .hookFailed(hook: try c.decode(String.self, forKey: .hook),
                               status: try c.decode(String.self, forKey: .status),
                               detail: try c.decode(String.self, forKey: .detail))
        case .subscribed:
            self = .subscribed(Subscription(
                address: try c.decode(String.self, forKey: .address), name: try c.decodeIfPresent(String.self, forKey: .name),
                customer: try c.decodeIfPresent(String.self, forKey: .customer),
                zone: try c.decodeIfPresent(String.self, forKey: .zone),
                secret: try c.decodeIfPresent(String.self, forKey: .secret),
                allowPrivate: try c.decodeIfPresent(Bool.self, forKey: .allowPrivate) ?? false))
        case .unsubscribed:
            self = .unsubscribed(address: try c.decode(String.self, forKey: .address),
                                 customer: try c.decodeIfPresent(String.self, forKey: .customer))
        case .deliveryClaimed:
            self = .deliveryClaimed(DeliveryClaim(
                notice: try c.decode(Int.self, forKey: .notice), target: try c.decode(String.self, forKey: .target),
                attempt: try c.decode(Int.self, forKey: .attempt), firedBy: try c.decode(String.self, forKey: .firedBy)))
        case .deliveryReceipt:
            self = .deliveryReceipt(DeliveryReceipt(
                notice: try c.decode(Int.self, forKey: .notice), target: try c.decode(String.self, forKey: .target),
                attempt: try c.decode(Int.self, forKey: .attempt),
                outcome: try c.decode(DeliveryReceipt.Outcome.self, forKey: .outcome),
                detail: try c.decode(String.self, forKey: .detail),
                retryAt: try c.decodeIfPresent(Date.self, forKey: .retryAt)))
        case .deliveryExplained:
            self = .deliveryExplained(notice: try c.decode(Int.self, forKey: .notice), text: try text())
        case .deliveryRetried:
            self = .deliveryRetried(notice: try c.decode(Int.self, forKey: .notice))
        case .pageShared:
            self = .pageShared(PageShare(
                id: try c.decode(String.self, forKey: .share), customer: try c.decode(String.self, forKey: .customer),
                tokenHash: try c.decode(String.self, forKey: .tokenHash),
                label: try c.decodeIfPresent(String.self, forKey: .label)))
        case .pageUnshared:
            self = .pageUnshared(customer: try c.decode(String.self, forKey: .customer),
                                 share: try c.decodeIfPresent(String.self, forKey: .share))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case let .opened(title, severity, customer, cadence):
            try c.encode(title, forKey: .title)
            try c.encode(severity, forKey: .severity)
            try c.encodeIfPresent(customer, forKey: .customer)
            try c.encodeIfPresent(cadence, forKey: .cadence)
        case let .note(text), let .question(text), let .impact(text), let .frame(text),
             let .workaround(text), let .parked(text):
            try c.encode(text, forKey: .text)
        case let .briefing(text, nextUpdateAt, reason):
            try c.encode(text, forKey: .text)
            try c.encode(nextUpdateAt, forKey: .nextUpdateAt)
            try c.encodeIfPresent(reason, forKey: .reason)
        case let .deadlineSet(text, dueAt, owner):
            try c.encode(text, forKey: .text)
            try c.encode(dueAt, forKey: .dueAt)
            try c.encodeIfPresent(owner, forKey: .owner)
        case let .deadlineMet(deadline, note), let .deadlineDropped(deadline, note):
            try c.encode(deadline, forKey: .deadline)
            try c.encodeIfPresent(note, forKey: .note)
        case let .deadlineSlipped(deadline, dueAt, reason):
            try c.encode(deadline, forKey: .deadline)
            try c.encode(dueAt, forKey: .dueAt)
            try c.encode(reason, forKey: .reason)
        case let .answer(question, text):
            try c.encode(question, forKey: .question)
            try c.encode(text, forKey: .text)
        case let .customerRequest(text, reason):
            try c.encode(text, forKey: .text)
            try c.encode(reason, forKey: .reason)
        case let .customerRequestDone(request):
            try c.encode(request, forKey: .request)
        case let .owner(name, phone):
            try c.encode(name, forKey: .name)
            try c.encode(phone, forKey: .phone)
        case let .role(role, name, phone):
            try c.encode(role, forKey: .role)
            try c.encode(name, forKey: .name)
            try c.encodeIfPresent(phone, forKey: .phone)
        case let .status(status):
            try c.encode(status, forKey: .status)
        case let .confirmed(by, note):
            try c.encode(by, forKey: .by)
            try c.encodeIfPresent(note, forKey: .note)
        case let .closed(reason, openItemsReason):
            try c.encodeIfPresent(reason, forKey: .unconfirmedReason)
            try c.encodeIfPresent(openItemsReason, forKey: .openItemsReason)
        case let .followUp(dueAt, text):
            try c.encode(dueAt, forKey: .dueAt)
            try c.encode(text, forKey: .text)
        case let .followUpDone(number):
            try c.encode(number, forKey: .followUp)
        case let .reminder(record):
            try c.encode(record.subject.key, forKey: .subject)
            try c.encode(record.stage.name, forKey: .stage)
            try c.encode(record.recipient, forKey: .recipient)
            try c.encodeIfPresent(record.phone, forKey: .phone)
            try c.encode(record.dueAt, forKey: .dueAt)
            try c.encode(record.firedBy, forKey: .firedBy)
        case let .reminderAcknowledged(subject, stage):
            try c.encode(subject.key, forKey: .subject)
            try c.encode(stage.name, forKey: .stage)
        case let .reminderSnoozed(subject, until):
            try c.encode(subject.key, forKey: .subject)
            try c.encode(until, forKey: .until)
        case let .reminderLead(lead):
            try c.encodeIfPresent(lead, forKey: .lead)
        case let .hookClaimed(hook, event, firedBy):
            try c.encode(hook, forKey: .hook)
            try c.encode(event, forKey: .event)
            try c.encode(firedBy, forKey: .firedBy)
        case let .hookFailed(hook, status, detail):
            try c.encode(hook, forKey: .hook)
            try c.encode(status, forKey: .status)
            try c.encode(detail, forKey: .detail)
        case .subscribed(let subscription):
            try c.encode(subscription.address, forKey: .address)
            try c.encodeIfPresent(subscription.name, forKey: .name)
            try c.encodeIfPresent(subscription.customer, forKey: .customer)
            try c.encodeIfPresent(subscription.zone, forKey: .zone)
            // The store keeps the secret (whichever process delivers signs with it); what people read does not.
            if encoder.userInfo[Self.hidingSecrets] as? Bool != true {
                try c.encodeIfPresent(subscription.secret, forKey: .secret)
            }
            if subscription.allowPrivate { try c.encode(true, forKey: .allowPrivate) }
        case let .unsubscribed(address, customer):
            try c.encode(address, forKey: .address)
            try c.encodeIfPresent(customer, forKey: .customer)
        case .deliveryClaimed(let claim):
            try c.encode(claim.notice, forKey: .notice)
            try c.encode(claim.target, forKey: .target)
            try c.encode(claim.attempt, forKey: .attempt)
            try c.encode(claim.firedBy, forKey: .firedBy)
        case .deliveryReceipt(let receipt):
            try c.encode(receipt.notice, forKey: .notice)
            try c.encode(receipt.target, forKey: .target)
            try c.encode(receipt.attempt, forKey: .attempt)
            try c.encode(receipt.outcome, forKey: .outcome)
            try c.encode(receipt.detail, forKey: .detail)
            try c.encodeIfPresent(receipt.retryAt, forKey: .retryAt)
        case let .deliveryExplained(notice, text):
            try c.encode(notice, forKey: .notice)
            try c.encode(text, forKey: .text)
        case .deliveryRetried(let notice):
            try c.encode(notice, forKey: .notice)
        case .pageShared(let share):
            try c.encode(share.id, forKey: .share)
            try c.encode(share.customer, forKey: .customer)
            try c.encode(share.tokenHash, forKey: .tokenHash)
            try c.encodeIfPresent(share.label, forKey: .label)
        case let .pageUnshared(customer, share):
            try c.encode(customer, forKey: .customer)
            try c.encodeIfPresent(share, forKey: .share)
        }
    }

    /// Set to true in an encoder's `userInfo` for anything people or hooks read: a webhook's signing secret
    /// is left out (it was shown once, when subscribed).
    public static let hidingSecrets = CodingUserInfoKey(rawValue: "crisis.hidingSecrets")!

    private static func subject(_ c: KeyedDecodingContainer<CodingKeys>) throws -> ReminderSubject {
        let key = try c.decode(String.self, forKey: .subject)
        guard let subject = ReminderSubject(key: key) else {
            throw DecodingError.dataCorruptedError(forKey: .subject, in: c, debugDescription: "not a reminder subject: \(key)")
        }
        return subject
    }

    private static func stage(_ c: KeyedDecodingContainer<CodingKeys>) throws -> ReminderStage {
        let name = try c.decode(String.self, forKey: .stage)
        guard let stage = ReminderStage(name: name) else {
            throw DecodingError.dataCorruptedError(forKey: .stage, in: c, debugDescription: "not a reminder stage: \(name)")
        }
        return stage
    }
}
