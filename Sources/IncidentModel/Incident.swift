import Foundation

/// An incident as it stands: nothing but the fold of its events, so every screen agrees with the log.
public struct Incident: Equatable, Sendable, Encodable {
    public let id: IncidentID
    public let title: String
    public let severity: Severity
    public let customer: String?
    public let openedAt: Date
    public let openedBy: String
    /// How long between briefings when a briefing does not say otherwise.
    public let cadence: TimeInterval

    public internal(set) var status: IncidentStatus = .investigating
    public internal(set) var statusHistory: [StatusChange] = []
    /// Every owner in order; the last one is accountable now.
    public internal(set) var owners: [OwnerAssignment] = []
    /// Every lead handoff, of both roles, in log order.
    public internal(set) var roleHandoffs: [RoleAssignment] = []
    /// Every frame in order; the last one is what we are trying to do right now.
    public internal(set) var frames: [Entry] = []
    public internal(set) var notes: [Entry] = []
    public internal(set) var briefings: [Briefing] = []
    public internal(set) var deadlines: [Deadline] = []
    public internal(set) var questions: [Question] = []
    public internal(set) var impacts: [Entry] = []
    public internal(set) var workarounds: [Workaround] = []
    public internal(set) var customerRequests: [CustomerRequest] = []
    public internal(set) var parkingLot: [Entry] = []
    /// Every confirmation the customer gave, in order.
    public internal(set) var confirmations: [CustomerConfirmation] = []
    /// The confirmation that still stands: reopening the incident withdraws it.
    public internal(set) var confirmation: CustomerConfirmation?
    public internal(set) var closure: Closure?
    public internal(set) var followUps: [FollowUp] = []
    /// Every reminder recorded, in log order.
    public internal(set) var reminders: [LoggedReminder] = []
    /// Every `/ack` and `/snooze`, in log order.
    public internal(set) var reminderResponses: [ReminderResponse] = []
    /// How long before a promised update its first reminder goes; nil when that early reminder is off.
    public internal(set) var reminderLead: TimeInterval? = ReminderPolicy.defaultLead
    /// Every hook that failed, in log order.
    public internal(set) var hookFailures: [HookFailure] = []
    /// Every subscription, in log order; `activeSubscribers` are those still standing.
    public internal(set) var subscribers: [Subscriber] = []
    /// The opening, every briefing and every closure: what subscribers are sent.
    public internal(set) var noticeEvents: [NoticeEvent] = []
    /// Every notice's way to every subscriber, in the order first claimed.
    public internal(set) var deliveries: [DeliveryTrack] = []
    /// Why a notice was not delivered, said on record.
    public internal(set) var deliveryExplanations: [DeliveryExplanation] = []
    /// Every `redeliver`: the notice and when it was asked for, in log order.
    public internal(set) var deliveryRetries: [DeliveryRetry] = []
    /// The customer's status page given or taken back (`crisis share`), in log order.
    public internal(set) var pageShares: [PageShareEvent] = []
    /// The sequence number of the last event folded in.
    public internal(set) var lastSequence: Int = 0
    /// When the technical channel last heard anything: the quiet timer counts from here.
    public internal(set) var lastTechnicalActivityAt: Date
    /// When a person last wrote in the business channel (`EventKind.isBusinessEntry`); nil before anyone did.
    public internal(set) var lastBusinessEntryAt: Date?
    /// When the last event folded in was recorded.
    public internal(set) var lastEventAt: Date
    /// The hash chain's head at the last event folded in; nil when the events carry no hashes (not read from
    /// a store).
    public internal(set) var chainHead: ChainHead?

    public init(id: IncidentID, title: String, severity: Severity, customer: String?, openedAt: Date,
                openedBy: String, cadence: TimeInterval?) {
        self.id = id
        self.title = title
        self.severity = severity
        self.customer = customer
        self.openedAt = openedAt
        self.openedBy = openedBy
        self.cadence = cadence ?? severity.defaultCadence
        self.lastTechnicalActivityAt = openedAt
        self.lastEventAt = openedAt
    }

    public var owner: OwnerAssignment? { owners.last }
    /// Who holds `role` now.
    public func lead(_ role: IncidentRole) -> RoleAssignment? { handoffs(of: role).last }
    /// Everyone who held `role`, in the order they took it.
    public func handoffs(of role: IncidentRole) -> [RoleAssignment] { roleHandoffs.filter { $0.role == role } }
    public var frame: Entry? { frames.last }
    public var latestImpact: Entry? { impacts.last }
    public var isOpen: Bool { status.isOpen }

    /// When the customer was promised the next update: the latest briefing's commitment, or one cadence
    /// after opening before the first briefing.
    public var nextUpdateDue: Date {
        briefings.last?.nextUpdateAt ?? openedAt.addingTimeInterval(cadence)
    }

    /// Why the next update is due then, as the account manager gave it.
    public var nextUpdateReason: String? {
        briefings.last.map { $0.reason } ?? "first briefing due one cadence after opening"
    }

    public var openDeadlines: [Deadline] { deadlines.filter(\.isOpen) }
    public var openQuestions: [Question] { questions.filter(\.isOpen) }
    public var openCustomerRequests: [CustomerRequest] { customerRequests.filter(\.isOpen) }

    public func deadline(_ number: Int) -> Deadline? {
        deadlines.indices.contains(number - 1) ? deadlines[number - 1] : nil
    }

    public func question(_ number: Int) -> Question? {
        questions.indices.contains(number - 1) ? questions[number - 1] : nil
    }

    public func followUp(_ number: Int) -> FollowUp? {
        followUps.indices.contains(number - 1) ? followUps[number - 1] : nil
    }

    public func customerRequest(_ number: Int) -> CustomerRequest? {
        customerRequests.indices.contains(number - 1) ? customerRequests[number - 1] : nil
    }

    /// The countdown to the next committed update, while one is owed: nil once resolved without a
    /// further promise, or closed (see `nextUpdate(now:)`).
    public func nextUpdateCountdown(now: Date) -> Countdown? {
        nextUpdate(now: now).countdown
    }
}
