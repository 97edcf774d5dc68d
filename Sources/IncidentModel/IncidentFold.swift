import Foundation

/// Why a log cannot be folded into an incident: it does not start with an opening, or it skips a number.
public enum FoldError: Error, Equatable, CustomStringConvertible {
    case notOpened(IncidentID)
    case wrongIncident(expected: IncidentID, found: IncidentID)
    case outOfOrder(incident: IncidentID, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .notOpened(let id): "the log of \(id) does not start with its opening"
        case let .wrongIncident(expected, found): "an event of \(found) was given to \(expected)"
        case let .outOfOrder(id, expected, found): "the log of \(id) skips from event \(expected - 1) to \(found)"
        }
    }
}

extension FoldError {
    /// Refuses an event of another incident, or one that is not the next in sequence.
    static func check(_ event: Event, follows lastSequence: Int, of id: IncidentID) throws(FoldError) {
        guard event.incident == id else { throw .wrongIncident(expected: id, found: event.incident) }
        guard event.sequence == lastSequence + 1 else {
            throw .outOfOrder(incident: id, expected: lastSequence + 1, found: event.sequence)
        }
    }
}

extension Incident {
    /// Folds a whole log. The first event must be the opening.
    public init(events: some Sequence<Event>) throws {
        var iterator = events.makeIterator()
        guard let first = iterator.next() else { throw FoldError.notOpened(IncidentID(0)) }
        guard case let .opened(title, severity, customer, cadence) = first.payload, first.sequence == 1 else {
            throw FoldError.notOpened(first.incident)
        }
        self.init(id: first.incident, title: title, severity: severity, customer: customer,
                  openedAt: first.recordedAt, openedBy: first.author, cadence: cadence)
        lastSequence = 1
        chainHead = ChainHead(first)
        noticeEvents = [NoticeEvent(sequence: 1, at: first.recordedAt, occasion: .opened, chainHash: first.hash)]
        while let event = iterator.next() {
            try apply(event)
        }
    }

    /// Folds one more event in. Events must come in sequence; an event that refers to an item that
    /// does not exist, or repeats an outcome, is kept in the log but changes nothing.
    public mutating func apply(_ event: Event) throws {
        try FoldError.check(event, follows: lastSequence, of: id)
        lastSequence = event.sequence
        lastEventAt = event.recordedAt
        chainHead = ChainHead(event)
        if event.kind.channel == .technical {
            lastTechnicalActivityAt = event.recordedAt
        }
        if event.kind.isBusinessEntry { lastBusinessEntryAt = event.recordedAt }
        let seq = event.sequence, at = event.recordedAt, author = event.author
        func entry(_ text: String) -> Entry { Entry(sequence: seq, at: at, author: author, text: text) }

        switch event.payload {
        case .opened:
            break // A second opening is meaningless; the first one named the incident.
        case .note(let text):
            notes.append(entry(text))
        case let .briefing(text, nextUpdateAt, reason):
            briefings.append(Briefing(sequence: seq, at: at, author: author, text: text,
                                      nextUpdateAt: nextUpdateAt, reason: reason))
            noticeEvents.append(NoticeEvent(sequence: seq, at: at, occasion: .briefing, chainHash: event.hash))
        case let .deadlineSet(text, dueAt, owner):
            deadlines.append(Deadline(number: deadlines.count + 1, sequence: seq, setAt: at, author: author,
                                      text: text, owner: owner, dueAt: dueAt))
        case let .deadlineMet(number, note):
            closeDeadline(number, outcome: .met, note: note, at: at)
        case let .deadlineDropped(number, note):
            closeDeadline(number, outcome: .dropped, note: note, at: at)
        case let .deadlineSlipped(number, dueAt, reason):
            guard deadlines.indices.contains(number - 1), deadlines[number - 1].isOpen else { break }
            let from = deadlines[number - 1].dueAt
            deadlines[number - 1].slips.append(
                Deadline.Slip(sequence: seq, at: at, author: author, from: from, to: dueAt, reason: reason))
            deadlines[number - 1].dueAt = dueAt
        case .question(let text):
            questions.append(Question(number: questions.count + 1, sequence: seq, askedAt: at, author: author, text: text))
        case let .answer(number, text):
            guard questions.indices.contains(number - 1) else { break }
            questions[number - 1].answers.append(Question.Answer(sequence: seq, at: at, author: author, text: text))
        case .impact(let text):
            impacts.append(entry(text))
        case .frame(let text):
            frames.append(entry(text))
        case .workaround(let text):
            workarounds.append(Workaround(number: workarounds.count + 1, entry: entry(text)))
        case let .customerRequest(text, reason):
            customerRequests.append(CustomerRequest(number: customerRequests.count + 1, sequence: seq, at: at,
                                                    author: author, text: text, reason: reason))
        case .customerRequestDone(let number):
            guard customerRequests.indices.contains(number - 1), customerRequests[number - 1].isOpen else { break }
            customerRequests[number - 1].doneAt = at
        case let .owner(name, phone):
            owners.append(OwnerAssignment(sequence: seq, at: at, author: author, name: name, phone: phone))
        case let .role(role, name, phone):
            roleHandoffs.append(RoleAssignment(role: role, sequence: seq, at: at, author: author, name: name, phone: phone))
        case .status(let newStatus):
            status = newStatus
            statusHistory.append(StatusChange(sequence: seq, at: at, author: author, status: newStatus))
            if newStatus != .resolved && newStatus != .closed {
                // Reopened: whatever the customer confirmed before no longer describes the incident.
                confirmation = nil
                closure = nil
            }
        case .parked(let text):
            parkingLot.append(entry(text))
        case let .confirmed(by, note):
            let confirmed = CustomerConfirmation(sequence: seq, at: at, author: author, by: by, note: note)
            confirmations.append(confirmed)
            confirmation = confirmed
        case let .closed(reason, openItemsReason):
            status = .closed
            statusHistory.append(StatusChange(sequence: seq, at: at, author: author, status: .closed))
            closure = Closure(sequence: seq, at: at, author: author, unconfirmedReason: reason,
                              openItemsReason: openItemsReason)
            noticeEvents.append(NoticeEvent(sequence: seq, at: at, occasion: .closed, chainHash: event.hash))
        case let .followUp(dueAt, text):
            followUps.append(FollowUp(number: followUps.count + 1, sequence: seq, at: at, author: author,
                                      dueAt: dueAt, text: text))
        case .followUpDone(let number):
            guard followUps.indices.contains(number - 1), followUps[number - 1].isOpen else { break }
            followUps[number - 1].doneAt = at
        case .reminder(let record):
            reminders.append(LoggedReminder(sequence: seq, at: at, record: record))
        case let .reminderAcknowledged(subject, stage):
            reminderResponses.append(ReminderResponse(sequence: seq, at: at, author: author, subject: subject,
                                                      kind: .acknowledged(stage)))
        case let .reminderSnoozed(subject, until):
            reminderResponses.append(ReminderResponse(sequence: seq, at: at, author: author, subject: subject,
                                                      kind: .snoozed(until: until)))
        case .reminderLead(let lead):
            reminderLead = lead
        case .hookClaimed:
            break // The claim is the record that the hook ran; a failure is recorded on its own.
        case let .hookFailed(hook, status, detail):
            hookFailures.append(HookFailure(sequence: seq, at: at, hook: hook, status: status, detail: detail))
        case .subscribed(let subscription):
            endSubscription(of: subscription.address, by: seq)
            // Added while open, a contact also gets the newest update already out (see `notices(for:)`).
            let catchUp = isOpen ? noticeEvents.last?.sequence : nil
            subscribers.append(Subscriber(sequence: seq, at: at, author: author, subscription: subscription,
                                          catchUpNotice: catchUp))
        case .unsubscribed(let address, _):
            endSubscription(of: address, by: seq)
        case .pageShared(let share):
            pageShares.append(PageShareEvent(sequence: seq, at: at, author: author, change: .granted(share)))
        case let .pageUnshared(customer, share):
            pageShares.append(PageShareEvent(sequence: seq, at: at, author: author,
                                             change: .revoked(customer: customer, share: share)))
        case .deliveryClaimed(let claim):
            let attempt = DeliveryTrack.Attempt(sequence: seq, at: at, number: claim.attempt, firedBy: claim.firedBy)
            if let index = deliveries.firstIndex(where: { $0.notice == claim.notice && $0.target == claim.target }) {
                deliveries[index].attempts.append(attempt)
            } else {
                deliveries.append(DeliveryTrack(notice: claim.notice, target: claim.target, attempts: [attempt]))
            }
        case .deliveryReceipt(let receipt):
            guard let index = deliveries.firstIndex(where: { $0.notice == receipt.notice && $0.target == receipt.target })
            else { break } // A receipt for nothing claimed changes nothing.
            deliveries[index].receipts.append(DeliveryTrack.Receipt(sequence: seq, at: at, receipt: receipt))
        case let .deliveryExplained(notice, text):
            deliveryExplanations.append(DeliveryExplanation(notice: notice, entry: entry(text)))
        case .deliveryRetried(let notice):
            deliveryRetries.append(DeliveryRetry(notice: notice, sequence: seq, at: at, author: author))
        }
    }

    private mutating func endSubscription(of address: String, by sequence: Int) {
        for index in subscribers.indices where subscribers[index].isActive
            && subscribers[index].subscription.address == address {
            subscribers[index].endedBy = sequence
        }
    }

    private mutating func closeDeadline(_ number: Int, outcome: Deadline.Outcome, note: String?, at: Date) {
        guard deadlines.indices.contains(number - 1), deadlines[number - 1].isOpen else { return }
        deadlines[number - 1].outcome = outcome
        deadlines[number - 1].outcomeNote = note
        deadlines[number - 1].closedAt = at
    }
}
