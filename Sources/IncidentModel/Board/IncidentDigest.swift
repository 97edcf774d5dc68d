import Foundation

/// What the commander's board and `crisis list` need of one incident, kept small enough to store beside the
/// log and update with each event (`apply(_:)`), so neither has to fold a year of history to draw a row.
///
/// It is a cache of the fold, never a second truth: `init(incident:)` derives it from a full fold, and the
/// tests check that folding event by event gives exactly that, after every kind of event.
public struct IncidentDigest: Codable, Equatable, Sendable, UpdateObligation {
    public let id: IncidentID
    public let title: String
    public let severity: Severity
    public let customer: String?
    public let openedAt: Date
    /// How long between briefings when a briefing does not say otherwise.
    public let cadence: TimeInterval

    public internal(set) var status: IncidentStatus = .investigating
    /// When the incident last became resolved, and last closed: read through `resolvedAt` and `closedAt`,
    /// which count them only while the status still says so.
    public internal(set) var lastResolvedAt: Date?
    public internal(set) var lastClosedAt: Date?
    /// When the incident became resolved, if it was last closed straight from resolved: read through
    /// `resolvedBeforeClosingAt`, which counts it only while the incident is closed.
    public internal(set) var lastClosedFromResolvedAt: Date?
    public internal(set) var owner: String?
    public internal(set) var ownerPhone: String?
    /// Who holds the communications lead now, when someone does.
    public internal(set) var commsLead: String?

    /// When the customer was promised the next update, and why then.
    public internal(set) var nextUpdateDue: Date
    public internal(set) var nextUpdateReason: String?
    public internal(set) var lastBriefingAt: Date?
    /// Briefings given, and how many of them came on time.
    public internal(set) var briefingsGiven = 0
    public internal(set) var briefingsOnTime = 0

    /// The deadlines still open, in the order set; `deadlinesSet` numbers the next one.
    public internal(set) var openDeadlines: [Deadline] = []
    public internal(set) var deadlinesSet = 0
    public internal(set) var deadlineSlips = 0
    /// The follow-ups not yet done, in the order scheduled; `followUpsScheduled` numbers the next one.
    public internal(set) var openFollowUps: [FollowUp] = []
    public internal(set) var followUpsScheduled = 0

    /// When each channel last heard from a person: the technical channel's quiet timer counts from the first,
    /// and the business channel's from a briefing, an impact or a customer's request.
    public internal(set) var lastTechnicalAt: Date
    public internal(set) var lastBusinessAt: Date?
    /// The newest notice (opening, briefing or closure) and where its deliveries stand.
    public internal(set) var latestNotice: Int = 1
    public internal(set) var latestNoticeDeliveries: [NoticeDelivery] = []

    public internal(set) var lastSequence = 1
    public internal(set) var lastEventAt: Date

    init(id: IncidentID, title: String, severity: Severity, customer: String?, openedAt: Date, cadence: TimeInterval?) {
        self.id = id
        self.title = title
        self.severity = severity
        self.customer = customer
        self.openedAt = openedAt
        self.cadence = cadence ?? severity.defaultCadence
        nextUpdateDue = openedAt.addingTimeInterval(self.cadence)
        nextUpdateReason = "first briefing due one cadence after opening"
        lastTechnicalAt = openedAt
        lastEventAt = openedAt
    }

    public var isOpen: Bool { status.isOpen }

    /// When the incident last became resolved, while it still is.
    public var resolvedAt: Date? { status == .resolved ? lastResolvedAt : nil }

    /// When the incident was closed, while it still is.
    public var closedAt: Date? { status == .closed ? lastClosedAt : nil }

    public var resolvedBeforeClosingAt: Date? { status == .closed ? lastClosedFromResolvedAt : nil }

    /// "updates on time 7/8", as `Incident.updatesOnTime(now:)` counts it: the promise still standing counts
    /// once it is overdue.
    public func updatesOnTime(now: Date) -> (kept: Int, settled: Int) {
        let endedAt = promisesEndedAt
        let horizon = endedAt.map { min($0, now) } ?? now
        guard endedAt == nil || nextUpdateDue < horizon else { return (briefingsOnTime, briefingsGiven) }
        let late = UpdatePromise.lateness(of: horizon, due: nextUpdateDue)
        return (briefingsOnTime, briefingsGiven + (late > 0 ? 1 : 0))
    }

    /// The open deadline due soonest.
    public var nearestDeadline: Deadline? { openDeadlines.min { $0.dueAt < $1.dueAt } }

    /// Follow-ups whose time has come.
    public func dueFollowUps(now: Date) -> [FollowUp] { openFollowUps.filter { $0.isDue(now: now) } }

    /// The earliest time a follow-up falls due, for an index that finds due follow-ups without reading digests.
    public var nextFollowUpDue: Date? { openFollowUps.map(\.dueAt).min() }

    /// How the newest notice's deliveries stand, when it went to anyone.
    public var deliveryTally: NoticeDelivery.Tally? {
        latestNoticeDeliveries.isEmpty ? nil : NoticeDelivery.Tally(latestNoticeDeliveries)
    }
}

extension IncidentDigest {
    /// The digest of a fully folded incident: what folding the digest event by event must arrive at.
    public init(incident: Incident) {
        self.init(id: incident.id, title: incident.title, severity: incident.severity, customer: incident.customer,
                  openedAt: incident.openedAt, cadence: incident.cadence)
        status = incident.status
        lastResolvedAt = incident.statusHistory.last { $0.status == .resolved }?.at
        lastClosedAt = incident.statusHistory.last { $0.status == .closed }?.at
        lastClosedFromResolvedAt = incident.lastClosedFromResolvedAt
        owner = incident.owner?.name
        ownerPhone = incident.owner?.phone
        commsLead = incident.lead(.comms)?.name
        nextUpdateDue = incident.nextUpdateDue
        nextUpdateReason = incident.nextUpdateReason
        lastBriefingAt = incident.briefings.last?.at
        var promised = openedAt.addingTimeInterval(cadence)
        for briefing in incident.briefings {
            if UpdatePromise.lateness(of: briefing.at, due: promised) <= 0 { briefingsOnTime += 1 }
            briefingsGiven += 1
            promised = briefing.nextUpdateAt
        }
        openDeadlines = incident.openDeadlines
        deadlinesSet = incident.deadlines.count
        deadlineSlips = incident.deadlineSlipCount
        openFollowUps = incident.followUps.filter(\.isOpen)
        followUpsScheduled = incident.followUps.count
        lastTechnicalAt = incident.lastTechnicalActivityAt
        lastBusinessAt = incident.lastBusinessEntryAt
        latestNotice = incident.noticeEvents.last?.sequence ?? 1
        latestNoticeDeliveries = incident.deliveryTracks(of: latestNotice).map(NoticeDelivery.init(track:))
        lastSequence = incident.lastSequence
        lastEventAt = incident.lastEventAt
    }
}
