import Foundation

/// One message to a customer: the opening notice, a briefing or the closure, with the incident as the
/// customer may see it. Built from the business channel alone (`init?(for:in:)` copies title, status,
/// impact, workarounds on offer, the promise and the accountable person, nothing else), so nothing made
/// from it (mail, webhook, status page) can carry a technical note, deadline, question, reminder or the name
/// of whoever typed the briefing.
public struct CustomerNotice: Equatable, Sendable {
    public enum Occasion: String, Sendable, Codable {
        case opened, briefing, closed
    }

    public let occasion: Occasion
    public let incident: IncidentID
    /// When the incident was opened: with its id, names the incident across stores (Message-IDs, feed ids).
    public let incidentOpenedAt: Date
    /// The logged event this notice tells of.
    public let sequence: Int
    public let postedAt: Date
    public let title: String
    public let customer: String?
    public let status: IncidentStatus
    /// The latest statement of impact; nil before one was given.
    public let impact: String?
    /// 0 for the opening notice, n for the n-th briefing; the closure counts one past the last briefing.
    public let updateNumber: Int
    /// `u4`: what names this notice in every identifier that leaves the building (Message-ID, webhook, feed and
    /// Statuspage ids). Its update number, never its event's sequence: the gaps between sequences would tell a
    /// customer how much the team logged between two updates (found in review).
    public var externalID: String { "u\(updateNumber)" }
    /// The briefing's words, or what the opening or the closure says.
    public let text: String
    /// The workarounds on offer, oldest first.
    public let workarounds: [String]
    /// When we next speak; nil when no further update is promised (the closure).
    public let nextUpdateAt: Date?
    /// Why then, as the account manager gave it.
    public let nextUpdateReason: String?
    /// Who is accountable and how to reach them (behavior 11); nil before anyone is named.
    public let contact: CustomerContact?
    /// The log's hash chain through this notice's event: the customer keeps it, and a rewrite of the log up to
    /// this point would no longer contain it (`crisis verify --head`). Nil when the events carried no hashes.
    public let witness: ChainHead?

    public init(occasion: Occasion, incident: IncidentID, incidentOpenedAt: Date, sequence: Int, postedAt: Date,
                title: String, customer: String?, status: IncidentStatus, impact: String?, updateNumber: Int,
                text: String, workarounds: [String], nextUpdateAt: Date?, nextUpdateReason: String?,
                contact: CustomerContact?, witness: ChainHead? = nil) {
        self.occasion = occasion
        self.incident = incident
        self.incidentOpenedAt = incidentOpenedAt
        self.sequence = sequence
        self.postedAt = postedAt
        self.title = title
        self.customer = customer
        self.status = status
        self.impact = impact
        self.updateNumber = updateNumber
        self.text = text
        self.workarounds = workarounds
        self.nextUpdateAt = nextUpdateAt
        self.nextUpdateReason = nextUpdateReason
        self.contact = contact
        self.witness = witness
    }
}

/// The accountable person as the customer sees them: a name and, when given, a phone.
public struct CustomerContact: Equatable, Sendable, Codable {
    public let name: String
    public let phone: String?

    public init(name: String, phone: String?) {
        self.name = name
        self.phone = phone
    }
}
