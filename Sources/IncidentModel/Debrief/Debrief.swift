import Foundation

/// The retrospective of one incident (behavior 12): every number in it is derived from the log.
public struct Debrief: Sendable, Encodable {
    /// A moment in the merged timeline of both channels.
    public struct TimelineEntry: Sendable, Encodable {
        public let sequence: Int
        public let at: Date
        public let channel: Channel
        public let kind: EventKind
        public let author: String
        /// Who wrote it as the store knows them (OS user or database role); nil when not recorded.
        public let identity: String?
        public let text: String
    }

    /// The durations that matter to the customer, in seconds from opening; nil when it never happened.
    public struct Durations: Sendable, Encodable {
        public let toFirstBriefing: TimeInterval?
        public let toMitigation: TimeInterval?
        public let toResolution: TimeInterval?
        public let toCustomerConfirmation: TimeInterval?
        public let total: TimeInterval
    }

    /// A question with how long it stayed open.
    public struct AnsweredQuestion: Sendable, Encodable {
        public let label: String
        public let text: String
        public let askedAt: Date
        public let answer: String?
        public let timeToAnswer: TimeInterval?
    }

    public let incident: Incident
    public let generatedAt: Date
    public let endedAt: Date
    public let durations: Durations
    public let promises: [UpdatePromise]
    public let updatesOnTime: Int
    public let updatesSettled: Int
    public let deadlineSlips: Int
    public let questions: [AnsweredQuestion]
    public let timeline: [TimelineEntry]
    /// Names against the identities behind them, and the entries that stand out.
    public let identities: IdentityAudit
    /// The hash chain's head at the last event: printed at the end, for whoever keeps the debrief to check later.
    public let chainHead: ChainHead?
    /// Whether the chain held when the debrief was made; the command that reads the store checks it.
    public var integrity: LogIntegrity = .unchecked
    /// The incident spans more than one calendar day in the reader's zone: show dates with times.
    public let spansDays: Bool

    public init(events: [Event], now: Date, timeZone: TimeZone) throws {
        let incident = try Incident(events: events)
        self.incident = incident
        generatedAt = now
        endedAt = incident.closure?.at ?? now
        let opened = incident.openedAt
        // Whole milliseconds, as the log records them: no floating-point dust in the report.
        func since(_ date: Date?) -> TimeInterval? { date.map { Self.milliseconds($0.timeIntervalSince(opened)) } }
        func firstStatus(_ statuses: Set<IncidentStatus>) -> Date? {
            incident.statusHistory.first { statuses.contains($0.status) }?.at
        }
        durations = Durations(
            toFirstBriefing: since(incident.briefings.first?.at),
            toMitigation: since(firstStatus([.mitigated, .resolved, .closed])),
            toResolution: since(firstStatus([.resolved])),
            toCustomerConfirmation: since(incident.confirmations.first?.at),
            total: Self.milliseconds(endedAt.timeIntervalSince(opened)))
        promises = incident.updatePromises(now: now)
        let onTime = incident.updatesOnTime(now: now)
        updatesOnTime = onTime.kept
        updatesSettled = onTime.settled
        deadlineSlips = incident.deadlineSlipCount
        questions = incident.questions.map { q in
            AnsweredQuestion(label: q.label, text: q.text, askedAt: q.askedAt, answer: q.answers.last?.text,
                             timeToAnswer: q.answers.first.map { Self.milliseconds($0.at.timeIntervalSince(q.askedAt)) })
        }
        let description = EventDescription(incident: incident, display: TimeDisplay(timeZone: timeZone))
        timeline = events.map { event in
            TimelineEntry(sequence: event.sequence, at: event.recordedAt, channel: event.kind.channel,
                          kind: event.kind, author: event.author, identity: event.identity,
                          text: description.describe(event))
        }
        identities = IdentityAudit(events: events)
        chainHead = incident.chainHead
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        spansDays = !calendar.isDate(opened, inSameDayAs: endedAt)
    }

    private static func milliseconds(_ interval: TimeInterval) -> TimeInterval {
        (interval * 1000).rounded() / 1000
    }
}
