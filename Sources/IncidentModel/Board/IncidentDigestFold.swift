import Foundation

extension IncidentDigest {
    /// The digest of an incident's first event, its opening.
    public init(opening event: Event) throws {
        guard case let .opened(title, severity, customer, cadence) = event.payload, event.sequence == 1 else {
            throw FoldError.notOpened(event.incident)
        }
        self.init(id: event.incident, title: title, severity: severity, customer: customer,
                  openedAt: event.recordedAt, cadence: cadence)
    }

    /// The digest of a whole log, folded event by event.
    public init(events: some Sequence<Event>) throws {
        var iterator = events.makeIterator()
        guard let first = iterator.next() else { throw FoldError.notOpened(IncidentID(0)) }
        try self.init(opening: first)
        while let event = iterator.next() { try apply(event) }
    }

    /// Folds one more event in, with the rules of `Incident.apply(_:)` for everything the digest keeps.
    public mutating func apply(_ event: Event) throws {
        try FoldError.check(event, follows: lastSequence, of: id)
        lastSequence = event.sequence
        lastEventAt = event.recordedAt
        if event.kind.channel == .technical { lastTechnicalAt = event.recordedAt }
        if event.kind.isBusinessEntry { lastBusinessAt = event.recordedAt }
        let seq = event.sequence, at = event.recordedAt, author = event.author

        switch event.payload {
        case let .briefing(_, nextUpdateAt, reason):
            if UpdatePromise.lateness(of: at, due: nextUpdateDue) <= 0 { briefingsOnTime += 1 }
            briefingsGiven += 1
            lastBriefingAt = at
            nextUpdateDue = nextUpdateAt
            nextUpdateReason = reason
            newNotice(seq)
        case let .deadlineSet(text, dueAt, owner):
            deadlinesSet += 1
            openDeadlines.append(Deadline(number: deadlinesSet, sequence: seq, setAt: at, author: author,
                                          text: text, owner: owner, dueAt: dueAt))
        case .deadlineMet(let number, _), .deadlineDropped(let number, _):
            openDeadlines.removeAll { $0.number == number }
        case let .deadlineSlipped(number, dueAt, reason):
            guard let index = openDeadlines.firstIndex(where: { $0.number == number }) else { break }
            let from = openDeadlines[index].dueAt
            openDeadlines[index].slips.append(
                Deadline.Slip(sequence: seq, at: at, author: author, from: from, to: dueAt, reason: reason))
            openDeadlines[index].dueAt = dueAt
            deadlineSlips += 1
        case let .owner(name, phone):
            owner = name
            ownerPhone = phone
        case let .role(role, name, _) where role == .comms:
            commsLead = name
        case .status(.closed):
            close(at: at)
        case .status(let newStatus):
            status = newStatus
            if newStatus == .resolved { lastResolvedAt = at }
        case .closed:
            close(at: at)
            newNotice(seq)
        case let .followUp(dueAt, text):
            followUpsScheduled += 1
            openFollowUps.append(FollowUp(number: followUpsScheduled, sequence: seq, at: at, author: author,
                                          dueAt: dueAt, text: text))
        case .followUpDone(let number):
            openFollowUps.removeAll { $0.number == number }
        case .deliveryClaimed(let claim) where claim.notice == latestNotice:
            if let index = latestNoticeDeliveries.firstIndex(where: { $0.target == claim.target }) {
                latestNoticeDeliveries[index].claimed(attempt: claim.attempt)
            } else {
                latestNoticeDeliveries.append(NoticeDelivery(target: claim.target, attempt: claim.attempt))
            }
        case .deliveryReceipt(let receipt) where receipt.notice == latestNotice:
            guard let index = latestNoticeDeliveries.firstIndex(where: { $0.target == receipt.target }) else { break }
            latestNoticeDeliveries[index].received(receipt)
        default:
            break // Nothing else shows on a board row or in a list.
        }
    }

    /// A briefing or the closure is the notice subscribers are sent from now on.
    /// Closed by `status closed` or by `close`: when it came straight from resolved, that resolution is kept,
    /// as it ended what the customer was owed.
    private mutating func close(at: Date) {
        lastClosedFromResolvedAt = status == .resolved ? lastResolvedAt : nil
        status = .closed
        lastClosedAt = at
    }

    private mutating func newNotice(_ sequence: Int) {
        latestNotice = sequence
        latestNoticeDeliveries = []
    }
}

extension EventKind {
    /// What a person writes in the business channel: the business pane's quiet timer counts from these, not
    /// from a delivery's receipt or a subscription.
    public var isBusinessEntry: Bool {
        switch self {
        case .briefing, .impact, .customerRequest, .customerRequestDone, .confirmed, .followUp, .followUpDone: true
        default: false
        }
    }
}
