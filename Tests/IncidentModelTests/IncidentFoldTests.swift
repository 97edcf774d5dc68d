import Foundation
import IncidentModel
import Testing

@Suite("Incident fold")
struct IncidentFoldTests {
    @Test func openingSetsIdentity() throws {
        let log = LogBuilder(severity: .sev2, customer: "Acme")
        let incident = try log.fold()
        #expect(incident.id == IncidentID(7))
        #expect(incident.title == "Checkout down")
        #expect(incident.severity == .sev2)
        #expect(incident.customer == "Acme")
        #expect(incident.openedAt == iso("2026-11-23T13:00:00Z"))
        #expect(incident.openedBy == "ic")
        #expect(incident.status == .investigating)
        #expect(incident.statusHistory.isEmpty)
        #expect(incident.isOpen)
        #expect(incident.lastSequence == 1)
        #expect(incident.owner == nil)
        #expect(incident.frame == nil)
        #expect(incident.lastTechnicalActivityAt == incident.openedAt)
    }

    @Test func notesKeepAuthorTimeAndOrder() throws {
        var log = LogBuilder()
        let first = log.add(.note(text: "db cpu 100%"), author: "bo")
        let second = log.add(.note(text: "restarted replica"), author: "cy", minutes: 3)
        let incident = try log.fold()
        #expect(incident.notes == [
            Entry(sequence: 2, at: first.recordedAt, author: "bo", text: "db cpu 100%"),
            Entry(sequence: 3, at: second.recordedAt, author: "cy", text: "restarted replica"),
        ])
        #expect(incident.lastTechnicalActivityAt == second.recordedAt)
        #expect(incident.lastSequence == 3)
    }

    @Test func briefingsAreKeptWithTheirCommitment() throws {
        var log = LogBuilder()
        let next = iso("2026-11-23T13:30:00Z")
        let posted = log.add(.briefing(text: "We see it", nextUpdateAt: next, reason: "after the failover"), author: "am")
        let incident = try log.fold()
        #expect(incident.briefings == [
            Briefing(sequence: 2, at: posted.recordedAt, author: "am", text: "We see it", nextUpdateAt: next,
                     reason: "after the failover"),
        ])
        // A briefing is the business channel: it does not reset the technical quiet timer.
        #expect(incident.lastTechnicalActivityAt == incident.openedAt)
    }

    @Test func deadlinesAreNumberedInOrderAndCanBeMet() throws {
        var log = LogBuilder()
        let due1 = iso("2026-11-23T13:20:00Z"), due2 = iso("2026-11-23T13:40:00Z")
        let set1 = log.add(.deadlineSet(text: "check lag", dueAt: due1, owner: "bo"))
        log.add(.deadlineSet(text: "roll back", dueAt: due2, owner: nil))
        let met = log.add(.deadlineMet(deadline: 1, note: "lag is fine"))
        let incident = try log.fold()

        #expect(incident.deadlines.map(\.label) == ["D1", "D2"])
        let d1 = try #require(incident.deadline(1))
        #expect(d1.text == "check lag")
        #expect(d1.owner == "bo")
        #expect(d1.setAt == set1.recordedAt)
        #expect(d1.sequence == 2)
        #expect(d1.outcome == .met)
        #expect(d1.outcomeNote == "lag is fine")
        #expect(d1.closedAt == met.recordedAt)
        #expect(!d1.isOpen)
        let d2 = try #require(incident.deadline(2))
        #expect(d2.isOpen)
        #expect(d2.owner == nil)
        #expect(incident.openDeadlines.map(\.number) == [2])
        #expect(incident.deadline(3) == nil)
        #expect(incident.deadline(0) == nil)
    }

    @Test func droppedDeadlineRecordsTheChoppedTheory() throws {
        var log = LogBuilder()
        log.add(.deadlineSet(text: "prove DNS", dueAt: iso("2026-11-23T13:20:00Z"), owner: nil))
        let dropped = log.add(.deadlineDropped(deadline: 1, note: "not DNS"))
        let incident = try log.fold()
        let d1 = try #require(incident.deadline(1))
        #expect(d1.outcome == .dropped)
        #expect(d1.outcomeNote == "not DNS")
        #expect(d1.closedAt == dropped.recordedAt)
        #expect(incident.openDeadlines.isEmpty)
    }

    @Test func slipKeepsTheOriginalTimeAndTheReason() throws {
        var log = LogBuilder()
        let original = iso("2026-11-23T13:20:00Z")
        let later = iso("2026-11-23T13:50:00Z"), latest = iso("2026-11-23T14:10:00Z")
        log.add(.deadlineSet(text: "check lag", dueAt: original, owner: "bo"))
        let slip1 = log.add(.deadlineSlipped(deadline: 1, dueAt: later, reason: "vendor slow"), author: "bo")
        log.add(.deadlineSlipped(deadline: 1, dueAt: latest, reason: "still slow"), author: "cy")
        let incident = try log.fold()
        let d1 = try #require(incident.deadline(1))
        #expect(d1.originalDueAt == original)
        #expect(d1.dueAt == latest)
        #expect(d1.isOpen)
        #expect(d1.slips.count == 2)
        #expect(d1.slips[0].sequence == 3)
        #expect(d1.slips[0].at == slip1.recordedAt)
        #expect(d1.slips[0].author == "bo")
        #expect(d1.slips[0].from == original)
        #expect(d1.slips[0].to == later)
        #expect(d1.slips[0].reason == "vendor slow")
        #expect(d1.slips[1].from == later)
        #expect(d1.slips[1].to == latest)
        #expect(d1.slips[1].reason == "still slow")
    }

    @Test func outcomesOnClosedOrUnknownDeadlinesChangeNothing() throws {
        var log = LogBuilder()
        let due = iso("2026-11-23T13:20:00Z")
        log.add(.deadlineSet(text: "check lag", dueAt: due, owner: nil))
        let met = log.add(.deadlineMet(deadline: 1, note: "first"))
        log.add(.deadlineDropped(deadline: 1, note: "second"))
        log.add(.deadlineSlipped(deadline: 1, dueAt: iso("2026-11-23T15:00:00Z"), reason: "late"))
        log.add(.deadlineMet(deadline: 9, note: nil))
        log.add(.deadlineSlipped(deadline: 0, dueAt: iso("2026-11-23T15:00:00Z"), reason: "nothing"))
        let incident = try log.fold()
        let d1 = try #require(incident.deadline(1))
        #expect(d1.outcome == .met)
        #expect(d1.outcomeNote == "first")
        #expect(d1.closedAt == met.recordedAt)
        #expect(d1.dueAt == due)
        #expect(d1.slips.isEmpty)
        #expect(incident.deadlines.count == 1)
        // Kept in the log all the same.
        #expect(incident.lastSequence == 7)
    }

    @Test func questionsAndAnswers() throws {
        var log = LogBuilder()
        log.add(.question(text: "Did the deploy go out?"), author: "bo")
        log.add(.question(text: "Is EU affected?"))
        let answer = log.add(.answer(question: 1, text: "yes at 12:55"), author: "cy")
        log.add(.answer(question: 1, text: "correction: 12:58"))
        log.add(.answer(question: 5, text: "to nothing"))
        let incident = try log.fold()
        #expect(incident.questions.map(\.label) == ["Q1", "Q2"])
        let q1 = try #require(incident.question(1))
        #expect(q1.author == "bo")
        #expect(q1.text == "Did the deploy go out?")
        #expect(!q1.isOpen)
        #expect(q1.answers.map(\.text) == ["yes at 12:55", "correction: 12:58"])
        #expect(q1.answers[0].author == "cy")
        #expect(q1.answers[0].at == answer.recordedAt)
        #expect(q1.answers[0].sequence == 4)
        #expect(incident.openQuestions.map(\.number) == [2])
        #expect(incident.question(3) == nil)
    }

    @Test func workaroundsAreNumbered() throws {
        var log = LogBuilder()
        log.add(.workaround(text: "use the EU endpoint"))
        log.add(.workaround(text: "pay by invoice"), author: "bo")
        let incident = try log.fold()
        #expect(incident.workarounds.map(\.label) == ["W1", "W2"])
        #expect(incident.workarounds[1].entry.text == "pay by invoice")
        #expect(incident.workarounds[1].entry.author == "bo")
        #expect(incident.workarounds[1].entry.sequence == 3)
    }

    @Test func customerRequestsAndDone() throws {
        var log = LogBuilder()
        log.add(.customerRequest(text: "send a HAR file", reason: "only their browser shows it"), author: "am")
        log.add(.customerRequest(text: "restart the POS", reason: "we cannot reach it"))
        let done = log.add(.customerRequestDone(request: 1))
        log.add(.customerRequestDone(request: 1)) // again: the first time counts
        log.add(.customerRequestDone(request: 4)) // unknown: nothing changes
        let incident = try log.fold()
        #expect(incident.customerRequests.map(\.label) == ["A1", "A2"])
        let a1 = try #require(incident.customerRequest(1))
        #expect(a1.reason == "only their browser shows it")
        #expect(a1.author == "am")
        #expect(a1.doneAt == done.recordedAt)
        #expect(!a1.isOpen)
        #expect(incident.openCustomerRequests.map(\.number) == [2])
        #expect(incident.customerRequest(3) == nil)
    }

    @Test func ownerHandoffsKeepEveryOwner() throws {
        var log = LogBuilder()
        log.add(.owner(name: "Ana", phone: "+1 555 0100"), author: "ic")
        let handoff = log.add(.owner(name: "Bo", phone: "+1 555 0101"), author: "ana")
        let incident = try log.fold()
        #expect(incident.owners.map(\.name) == ["Ana", "Bo"])
        let owner = try #require(incident.owner)
        #expect(owner.sequence == 3)
        #expect(owner.at == handoff.recordedAt)
        #expect(owner.author == "ana")
        #expect(owner.name == "Bo")
        #expect(owner.phone == "+1 555 0101")
        #expect(incident.owners[0].phone == "+1 555 0100")
    }

    @Test func statusHistoryAndClosing() throws {
        var log = LogBuilder()
        let identified = log.add(.status(.identified))
        log.add(.status(.mitigated))
        let closed = log.add(.status(.closed))
        var incident = try log.fold()
        #expect(incident.status == .closed)
        #expect(!incident.isOpen)
        #expect(incident.statusHistory.map(\.status) == [.identified, .mitigated, .closed])
        #expect(incident.statusHistory[0].sequence == 2)
        #expect(incident.statusHistory[0].at == identified.recordedAt)
        #expect(incident.statusHistory[0].author == "ana")
        #expect(incident.statusHistory[2].at == closed.recordedAt)

        let reopen = log.add(.status(.investigating))
        try incident.apply(reopen)
        #expect(incident.isOpen)
        #expect(incident.statusHistory.count == 4)
    }

    @Test func framesImpactsAndParkingLot() throws {
        var log = LogBuilder()
        log.add(.frame(text: "restore checkout for EU"))
        log.add(.frame(text: "restore checkout everywhere"))
        log.add(.impact(text: "30% of orders fail"))
        log.add(.impact(text: "all orders fail"))
        log.add(.parked(text: "why did the alert not fire?"))
        let incident = try log.fold()
        #expect(incident.frames.map(\.text) == ["restore checkout for EU", "restore checkout everywhere"])
        #expect(incident.frame?.text == "restore checkout everywhere")
        #expect(incident.impacts.map(\.text) == ["30% of orders fail", "all orders fail"])
        #expect(incident.latestImpact?.text == "all orders fail")
        #expect(incident.parkingLot.map(\.text) == ["why did the alert not fire?"])
        #expect(incident.parkingLot[0].sequence == 6)
    }

    @Test func confirmationClosureAndReopening() throws {
        var log = LogBuilder()
        log.add(.status(.resolved))
        let confirmed = log.add(.confirmed(by: "Carla at Acme", note: "orders flow"), author: "am")
        let closed = log.add(.closed(unconfirmedReason: nil))
        var incident = try log.fold()
        #expect(incident.status == .closed)
        #expect(!incident.isOpen)
        #expect(incident.statusHistory.map(\.status) == [.resolved, .closed])
        #expect(incident.statusHistory.last?.at == closed.recordedAt)
        #expect(incident.confirmation?.by == "Carla at Acme")
        #expect(incident.confirmation?.at == confirmed.recordedAt)
        #expect(incident.closure?.unconfirmedReason == nil)

        // Reopening forgets the confirmation and the closure: they described a fix that did not hold.
        try incident.apply(log.add(.status(.investigating)))
        #expect(incident.isOpen)
        #expect(incident.confirmation == nil)
        #expect(incident.closure == nil)
        #expect(incident.confirmations.count == 1, "the history keeps it")

        try incident.apply(log.add(.closed(unconfirmedReason: "customer unreachable")))
        #expect(incident.status == .closed)
        #expect(incident.closure?.unconfirmedReason == "customer unreachable")
    }

    @Test func followUpsAreNumberedAndDone() throws {
        var log = LogBuilder()
        log.add(.followUp(dueAt: iso("2026-11-24T09:00:00Z"), text: "call Carla"))
        log.add(.followUp(dueAt: iso("2026-11-25T09:00:00Z"), text: "send the RCA"))
        let done = log.add(.followUpDone(followUp: 1))
        log.add(.followUpDone(followUp: 1))
        log.add(.followUpDone(followUp: 7))
        let incident = try log.fold()
        #expect(incident.followUps.map(\.label) == ["F1", "F2"])
        #expect(incident.followUp(1)?.doneAt == done.recordedAt)
        #expect(incident.followUp(2)?.isOpen == true)
        #expect(incident.followUp(2)?.dueAt == iso("2026-11-25T09:00:00Z"))
        #expect(incident.followUp(3) == nil)
    }

    @Test func secondOpeningChangesNothing() throws {
        var log = LogBuilder()
        log.add(.opened(title: "Other", severity: .sev4, customer: nil, cadence: 60))
        let incident = try log.fold()
        #expect(incident.title == "Checkout down")
        #expect(incident.severity == .sev1)
        #expect(incident.cadence == 20 * 60)
    }

    @Test("technical events move the quiet timer, others do not", arguments: EventKind.allCases)
    func quietTimerFollowsTheTechnicalChannel(kind: EventKind) throws {
        var log = LogBuilder()
        log.add(.deadlineSet(text: "x", dueAt: iso("2026-11-23T14:00:00Z"), owner: nil))
        log.add(.question(text: "q"))
        log.add(.customerRequest(text: "r", reason: "why"))
        log.add(.followUp(dueAt: iso("2026-11-24T09:00:00Z"), text: "call back"))
        var incident = try log.fold()
        let before = incident.lastTechnicalActivityAt
        let event = log.add(samplePayload(kind), minutes: 10)
        try incident.apply(event)
        if kind.channel == .technical {
            #expect(incident.lastTechnicalActivityAt == event.recordedAt)
        } else {
            #expect(incident.lastTechnicalActivityAt == before)
        }
        #expect(incident.lastSequence == event.sequence)
    }

    @Test func foldingTwiceGivesTheSameIncident() throws {
        var log = LogBuilder()
        for kind in EventKind.allCases where kind != .opened { log.add(samplePayload(kind)) }
        #expect(try log.fold() == log.fold())
        var stepwise = try Incident(events: log.events.prefix(1))
        for event in log.events.dropFirst() { try stepwise.apply(event) }
        #expect(try stepwise == log.fold())
    }
}

@Suite("Fold errors")
struct FoldErrorTests {
    @Test func emptyLogIsNotOpened() {
        #expect(throws: FoldError.notOpened(IncidentID(0))) { try Incident(events: [Event]()) }
    }

    @Test func logMustStartWithTheOpening() {
        var log = LogBuilder()
        log.add(.note(text: "x"))
        #expect(throws: FoldError.notOpened(IncidentID(7))) { try Incident(events: log.events.dropFirst()) }
    }

    @Test func openingMustBeSequenceOne() {
        let opening = Event(incident: IncidentID(7), sequence: 2, recordedAt: iso("2026-11-23T13:00:00Z"),
                            author: "ic", payload: .opened(title: "t", severity: .sev1, customer: nil, cadence: nil))
        #expect(throws: FoldError.notOpened(IncidentID(7))) { try Incident(events: [opening]) }
    }

    @Test func gapIsRefused() {
        var log = LogBuilder()
        log.add(.note(text: "2"))
        log.add(.note(text: "3"))
        var events = log.events
        events.remove(at: 1)
        #expect(throws: FoldError.outOfOrder(incident: IncidentID(7), expected: 2, found: 3)) {
            try Incident(events: events)
        }
    }

    @Test func outOfOrderAndRepeatedEventsAreRefused() throws {
        var log = LogBuilder()
        let second = log.add(.note(text: "2"))
        let third = log.add(.note(text: "3"))
        #expect(throws: FoldError.outOfOrder(incident: IncidentID(7), expected: 2, found: 3)) {
            try Incident(events: [log.events[0], third, second])
        }
        var incident = try log.fold()
        #expect(throws: FoldError.outOfOrder(incident: IncidentID(7), expected: 4, found: 3)) {
            try incident.apply(third)
        }
        #expect(incident == (try log.fold()), "a refused event changes nothing")
    }

    @Test func foreignEventIsRefused() throws {
        let log = LogBuilder()
        var incident = try log.fold()
        let foreign = Event(incident: IncidentID(8), sequence: 2, recordedAt: iso("2026-11-23T13:05:00Z"),
                            author: "x", payload: .note(text: "wrong place"))
        #expect(throws: FoldError.wrongIncident(expected: IncidentID(7), found: IncidentID(8))) {
            try incident.apply(foreign)
        }
        #expect(incident.notes.isEmpty)
        #expect(FoldError.outOfOrder(incident: IncidentID(7), expected: 2, found: 5).description
            == "the log of INC-7 skips from event 1 to 5")
    }
}

/// One payload of each kind, referring to D1, Q1 and A1 where it must.
func samplePayload(_ kind: EventKind) -> EventPayload {
    let at = iso("2026-11-23T15:00:00.250Z")
    switch kind {
    case .opened: return .opened(title: "Checkout down", severity: .sev2, customer: "Acme", cadence: 900)
    case .note: return .note(text: "restarted db-2")
    case .briefing: return .briefing(text: "We see it", nextUpdateAt: at, reason: "after failover")
    case .deadlineSet: return .deadlineSet(text: "check lag", dueAt: at, owner: "bo")
    case .deadlineMet: return .deadlineMet(deadline: 1, note: "fine")
    case .deadlineDropped: return .deadlineDropped(deadline: 1, note: nil)
    case .deadlineSlipped: return .deadlineSlipped(deadline: 1, dueAt: at, reason: "vendor")
    case .question: return .question(text: "deploy out?")
    case .answer: return .answer(question: 1, text: "yes")
    case .impact: return .impact(text: "all orders")
    case .frame: return .frame(text: "restore checkout")
    case .workaround: return .workaround(text: "invoice")
    case .customerRequest: return .customerRequest(text: "HAR file", reason: "only they can")
    case .confirmed: return .confirmed(by: "Jo at Acme", note: "all good")
    case .closed: return .closed(unconfirmedReason: "customer unreachable")
    case .followUp: return .followUp(dueAt: at, text: "call Jo")
    case .followUpDone: return .followUpDone(followUp: 1)
    case .customerRequestDone: return .customerRequestDone(request: 1)
    case .owner: return .owner(name: "Bo", phone: "+1 555 0101")
    case .role: return .role(.comms, name: "Marc", phone: "+1 555 0102")
    case .status: return .status(.mitigated)
    case .parked: return .parked(text: "alerting")
    case .reminder:
        return .reminder(ReminderRecord(subject: .update(promisedBy: 1), stage: .overdue(2), recipient: "Marc",
                                        phone: "+1 555 0102", dueAt: at, firedBy: "crisis watch on db1, pid 42 (3f9a)"))
    case .reminderAcknowledged: return .reminderAcknowledged(subject: .deadline(number: 1, dueAt: at), stage: .deadlineDue)
    case .reminderSnoozed: return .reminderSnoozed(subject: .question(number: 1), until: at)
    case .reminderLead: return .reminderLead(600)
    case .hookClaimed: return .hookClaimed(hook: "briefing-posted", event: 3, firedBy: "crisis watch on db1, pid 42 (3f9a)")
    case .hookFailed: return .hookFailed(hook: "update-due", status: "exit 3", detail: "pager is down")
    case .subscribed:
        return .subscribed(Subscription(address: "jo@acme.example", name: "Jo", customer: "Acme", zone: "Europe/Berlin", secret: nil))
    case .unsubscribed: return .unsubscribed(address: "jo@acme.example", customer: "Acme")
    case .deliveryClaimed: return .deliveryClaimed(DeliveryClaim(notice: 1, target: "jo@acme.example", attempt: 1, firedBy: "w"))
    case .deliveryReceipt:
        return .deliveryReceipt(DeliveryReceipt(notice: 1, target: "jo@acme.example", attempt: 1, outcome: .delivered,
                                                detail: "handed to sendmail in 40 ms", retryAt: nil))
    case .deliveryExplained: return .deliveryExplained(notice: 1, text: "phoned Jo")
    case .deliveryRetried: return .deliveryRetried(notice: 1)
    case .pageShared:
        return .pageShared(PageShare(id: "s-3f9a61c2", customer: "Acme", tokenHash: String(repeating: "ab", count: 32),
                                     label: "Acme ops room"))
    case .pageUnshared: return .pageUnshared(customer: "Acme", share: "s-3f9a61c2")
    }
}
