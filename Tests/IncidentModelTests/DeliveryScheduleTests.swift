import Foundation
import Testing
@testable import IncidentModel

/// Issue 14: who is sent which update, when each attempt is due, and what is flagged: a pure function of the
/// log and an injected "now", so every process that delivers computes the same attempts.
@Suite struct DeliveryScheduleTests {
    static let opened = iso("2026-11-23T13:00:00Z")
    private func at(_ minutes: Double) -> Date { Self.opened.addingTimeInterval(minutes * 60) }

    private let jane = Subscription(address: "jane@acme.example", name: "Jane Doe", customer: "Acme",
                                    zone: "Europe/Berlin", secret: nil)
    private let hook = Subscription(address: "https://hooks.acme.example/crisis", name: nil, customer: nil, zone: nil,
                                    secret: "whsec_0123456789abcdef0123456789abcdef")

    private func claim(_ log: inout LogBuilder, _ notice: Int, _ target: String, attempt: Int, minutes: Double = 0) {
        log.add(.deliveryClaimed(DeliveryClaim(notice: notice, target: target, attempt: attempt, firedBy: "watch")),
                author: "crisis", minutes: minutes)
    }

    private func receipt(_ log: inout LogBuilder, _ notice: Int, _ target: String, attempt: Int,
                         _ outcome: DeliveryReceipt.Outcome, retryAt: Date? = nil, minutes: Double = 0) {
        log.add(.deliveryReceipt(DeliveryReceipt(notice: notice, target: target, attempt: attempt, outcome: outcome,
                                                 detail: outcome == .delivered ? "handed to sendmail in 40 ms" : "sendmail exited 75",
                                                 retryAt: retryAt)), author: "crisis", minutes: minutes)
    }

    @Test func aContactAddedWhileOpenGetsTheNewestUpdateAndEveryLaterOne() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.briefing(text: "We found it", nextUpdateAt: at(40), reason: "rollback takes 20 min"))   // #2
        log.add(.subscribed(jane))                                                                         // #3
        var incident = try log.fold()
        #expect(incident.dueDeliveries(now: at(2)).map(\.notice) == [2], "the newest update out, not the opening")
        log.add(.briefing(text: "Rolled back", nextUpdateAt: at(60), reason: nil))                        // #4
        incident = try log.fold()
        #expect(incident.dueDeliveries(now: at(3)).map(\.notice) == [4],
                "an update not begun before a newer one was posted is not sent: the customer reads the newest")
        #expect(incident.supersededBy(2, for: incident.activeSubscribers[0]) == 4)
        #expect(incident.dueDeliveries(now: at(3)).allSatisfy { $0.attempt == 1 && $0.firstAttemptAt == nil })
        // One begun is seen through, newer updates or not.
        log.add(.deliveryClaimed(DeliveryClaim(notice: 2, target: jane.address, attempt: 1, firedBy: "w")), author: "crisis")
        log.add(.deliveryReceipt(DeliveryReceipt(notice: 2, target: jane.address, attempt: 1, outcome: .retrying,
                                                 detail: "75", retryAt: at(4))), author: "crisis")
        #expect(try log.fold().dueDeliveries(now: at(10)).map(\.notice) == [2, 4])
    }

    /// Found in review: "U0 … U3 took its place" once U3 was posted, though U2 was the one sent instead; the
    /// receipt (and the debrief) changed with every later briefing.
    @Test func theUpdateThatTookAnotherOnesPlaceStaysTheOneThatWentOut() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.subscribed(jane), minutes: 0)                                                              // #2
        log.add(.briefing(text: "b1", nextUpdateAt: at(30), reason: nil), minutes: 0)                       // #3
        log.add(.briefing(text: "b2", nextUpdateAt: at(30), reason: nil), minutes: 0)                       // #4
        var incident = try log.fold()
        let subscriber = try #require(incident.activeSubscribers.first)
        #expect(incident.supersededBy(1, for: subscriber) == 4, "before anything is begun: the one that will go")
        claim(&log, 4, jane.address, attempt: 1, minutes: 1)
        receipt(&log, 4, jane.address, attempt: 1, .delivered, minutes: 1)
        log.add(.briefing(text: "b3", nextUpdateAt: at(60), reason: nil), minutes: 10)                      // #7
        incident = try log.fold()
        #expect(incident.supersededBy(1, for: subscriber) == 4)
        #expect(incident.supersededBy(3, for: subscriber) == 4)
        #expect(incident.supersededBy(4, for: subscriber) == nil, "begun: seen through")
        #expect(incident.deliverySummary(of: 1, now: at(11), display: TimeDisplay(timeZone: TimeZone(identifier: "UTC")!))
            .contains { $0.text.contains("U2 took its place") }, "U2 is #4, the second briefing")
    }

    @Test func subscribersInTheOpeningBatchGetTheOpeningNotice() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.owner(name: "Dana Ito", phone: "+49 30 1234"), minutes: 0)
        log.add(.subscribed(jane), minutes: 0)
        log.add(.subscribed(hook), minutes: 0)
        log.add(.owner(name: "Later Owner", phone: "+1 555 0100"), minutes: 5)
        let incident = try log.fold()
        #expect(CustomerNotice(notice: 1, in: incident)?.contact == CustomerContact(name: "Dana Ito", phone: "+49 30 1234"),
                "the opening notice names the owner open named, not one named later")
        let due = incident.dueDeliveries(now: Self.opened)
        #expect(due.map(\.notice) == [1, 1])
        #expect(Set(due.map(\.subscription.address)) == [jane.address, hook.address])
    }

    @Test func aClaimWithoutAReceiptIsTakenOverOnlyAfterItsLapse() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.subscribed(jane), minutes: 0)
        claim(&log, 1, jane.address, attempt: 1)
        let incident = try log.fold()
        #expect(incident.dueDeliveries(now: at(1)).isEmpty)
        let takeover = incident.dueDeliveries(now: at(1).addingTimeInterval(DeliveryTrack.claimLapse))
        #expect(takeover.map(\.attempt) == [2])
        #expect(takeover.first?.idempotencyKey(in: incident.id) == "delivery/7/1/jane@acme.example/2")
    }

    @Test func aTemporaryFailureIsRetriedAtItsTimeAndADeliveryEndsIt() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.subscribed(jane), minutes: 0)
        claim(&log, 1, jane.address, attempt: 1, minutes: 1)
        receipt(&log, 1, jane.address, attempt: 1, .retrying, retryAt: at(1.5))
        var incident = try log.fold()
        #expect(incident.dueDeliveries(now: at(1.4)).isEmpty)
        #expect(incident.dueDeliveries(now: at(1.5)).map(\.attempt) == [2])
        #expect(incident.dueDeliveries(now: at(1.5)).first?.firstAttemptAt == at(1))
        claim(&log, 1, jane.address, attempt: 2, minutes: 0.5)
        receipt(&log, 1, jane.address, attempt: 2, .delivered)
        incident = try log.fold()
        #expect(incident.dueDeliveries(now: at(100)).isEmpty)
        #expect(!incident.hasDeliveriesOutstanding)
        #expect(incident.disciplineFlags(now: at(3)).allSatisfy { if case .deliveryFailed = $0 { false } else { true } })
    }

    @Test func aFailureForGoodIsFlaggedUntilSomeoneSaysWhyOnRecord() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.briefing(text: "We found it", nextUpdateAt: at(40), reason: nil))
        log.add(.subscribed(jane))
        claim(&log, 2, jane.address, attempt: 1)
        receipt(&log, 2, jane.address, attempt: 1, .failed)
        var incident = try log.fold()
        #expect(incident.dueDeliveries(now: at(500)).isEmpty, "nothing retried after a failure for good")
        #expect(incident.disciplineFlags(now: at(4)).contains(.deliveryFailed(update: "U1", target: jane.address)))
        #expect(throws: CommandError.self) { try Command.undelivered("U0", why: "x").payload(for: incident, now: at(4), timeZone: utc) }
        let explained = try Command.undelivered("u1", why: "phoned Jane and read it to her").payload(for: incident, now: at(4), timeZone: utc)
        #expect(explained == .deliveryExplained(notice: 2, text: "phoned Jane and read it to her"))
        log.add(explained)
        incident = try log.fold()
        #expect(!incident.disciplineFlags(now: at(5)).contains(.deliveryFailed(update: "U1", target: jane.address)))
    }

    @Test func redeliverStartsANewRoundWhereTheUpdateFailed() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.subscribed(jane), minutes: 0)
        claim(&log, 1, jane.address, attempt: 1, minutes: 1)
        receipt(&log, 1, jane.address, attempt: 1, .failed)
        var incident = try log.fold()
        #expect(incident.dueDeliveries(now: at(30)).isEmpty)
        #expect(throws: CommandError.self) { try Command.redeliver("U3").payload(for: incident, now: at(30), timeZone: utc) }
        let again = try Command.redeliver("U0").payload(for: incident, now: at(30), timeZone: utc)
        #expect(again == .deliveryRetried(notice: 1))
        log.now = at(30)
        log.add(again, minutes: 0)
        incident = try log.fold()
        let due = try #require(incident.dueDeliveries(now: at(30)).first)
        #expect(due.attempt == 2 && due.firstAttemptAt == at(30), "a new round with its own hour")
        #expect(!incident.disciplineFlags(now: at(30)).contains { if case .deliveryFailed = $0 { true } else { false } })
        #expect(throws: CommandError.self, "nothing left to send again") {
            try Command.redeliver("U0").payload(for: incident, now: at(30), timeZone: utc)
        }
        // It fails again: flagged again, and a retry in the new round counts its hour from the redeliver.
        claim(&log, 1, jane.address, attempt: 2)
        receipt(&log, 1, jane.address, attempt: 2, .retrying, retryAt: at(31))
        #expect(try log.fold().dueDeliveries(now: at(31)).first?.firstAttemptAt == at(30))
        claim(&log, 1, jane.address, attempt: 3, minutes: 1)
        receipt(&log, 1, jane.address, attempt: 3, .failed)
        #expect(try log.fold().disciplineFlags(now: at(40)).contains(.deliveryFailed(update: "U0", target: jane.address)))
    }

    @Test func anUpdateNobodyBeginsToDeliverIsFlagged() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.subscribed(jane), minutes: 0)
        log.add(.briefing(text: "Rolling back", nextUpdateAt: at(40), reason: nil), minutes: 2)   // #3, U1
        let incident = try log.fold()
        #expect(incident.stalledNotices(now: at(2.5)).isEmpty, "a minute's patience: a watch looks every few seconds")
        #expect(incident.stalledNotices(now: at(4)).map(\.sequence) == [3], "U0, which U1 replaced, is not owed")
        #expect(incident.disciplineFlags(now: at(4)).contains(.updateNotSent(update: "U1", for: 120)))
        claim(&log, 3, jane.address, attempt: 1, minutes: 2)
        #expect(try log.fold().stalledNotices(now: at(5)).isEmpty, "begun: the receipts say the rest")
    }

    @Test func anUnsubscribedContactIsSentNothingMore() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.subscribed(jane), minutes: 0)
        log.add(try Command.unsubscribe("JANE@acme.example").payload(for: try log.fold(), now: at(1), timeZone: utc))
        log.add(.briefing(text: "Rolled back", nextUpdateAt: at(60), reason: nil))
        let incident = try log.fold()
        #expect(incident.activeSubscribers.isEmpty)
        #expect(incident.dueDeliveries(now: at(3)).isEmpty)
        #expect(log.events[2].payload == .unsubscribed(address: jane.address, customer: "Acme"))
    }

    @Test func changingASubscriptionDoesNotSendAnUpdateAgain() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.subscribed(jane), minutes: 0)
        claim(&log, 1, jane.address, attempt: 1)
        receipt(&log, 1, jane.address, attempt: 1, .delivered)
        log.add(.subscribed(Subscription(address: jane.address, name: "Jane D.", customer: "Acme", zone: "UTC", secret: nil)))
        let incident = try log.fold()
        #expect(incident.activeSubscribers.count == 1)
        #expect(incident.activeSubscribers.first?.subscription.zone == "UTC")
        #expect(incident.dueDeliveries(now: at(5)).isEmpty)
    }

    @Test func theClosureIsANoticeAndRetriesGoOnAfterClosing() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.subscribed(hook), minutes: 0)
        log.add(.closed(unconfirmedReason: "customer unreachable"))
        let incident = try log.fold()
        #expect(incident.dueDeliveries(now: at(2)).map(\.notice) == [3], "the closure took the opening's place")
        #expect(incident.hasDeliveriesOutstanding)
        let closure = try #require(CustomerNotice(notice: 3, in: incident))
        #expect(closure.occasion == .closed && closure.nextUpdateAt == nil && closure.status == .closed)
        #expect(!closure.text.contains("unreachable"), "the internal reason for an unconfirmed close stays inside")
    }

    @Test func retriesBackOffAndStopAnHourAfterTheFirstAttempt() {
        let first = Self.opened
        var now = first
        var waits: [TimeInterval] = []
        var attempt = 1
        while let next = DeliveryRetryPolicy.nextAttempt(after: attempt, firstAttemptAt: first, now: now) {
            waits.append(next.timeIntervalSince(now))
            now = next
            attempt += 1
        }
        #expect(waits == [30, 60, 120, 240, 480, 960, 960])
        #expect(now.timeIntervalSince(first) <= DeliveryRetryPolicy.givingUpAfter)
        #expect(attempt == 8)
    }

    @Test func aNoticeCarriesTheBusinessChannelAsItStoodAndNoTechnicalCanary() throws {
        let canary = "CANARY-7f3a"
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.owner(name: "Dana Ito", phone: "+49 30 1234"), minutes: 0)
        log.add(.note(text: "db primary \(canary) is wedged"))
        log.add(.deadlineSet(text: "failover \(canary)", dueAt: at(30), owner: "bo \(canary)"))
        log.add(.question(text: "is \(canary) on the old build?"))
        log.add(.answer(question: 1, text: "yes \(canary)"))
        log.add(.frame(text: "restore \(canary)"))
        log.add(.parked(text: "alerting \(canary)"))
        log.add(.impact(text: "Card payments fail for EU customers"))
        log.add(.workaround(text: "Use PayPal at checkout"))
        log.add(.status(.identified))
        log.add(.briefing(text: "We found the cause", nextUpdateAt: at(40), reason: "the rollback takes 20 minutes"), author: "marc \(canary)")
        log.add(.status(.monitoring))
        log.add(.impact(text: "later impact"))
        let incident = try log.fold()
        let notice = try #require(CustomerNotice(notice: incident.briefings[0].sequence, in: incident))
        #expect(notice.status == .identified, "as it stood when the briefing went out")
        #expect(notice.impact == "Card payments fail for EU customers")
        #expect(notice.workarounds == ["Use PayPal at checkout"])
        #expect(notice.contact == CustomerContact(name: "Dana Ito", phone: "+49 30 1234"))
        #expect(notice.updateNumber == 1 && incident.updateLabel(notice.sequence) == "U1")
        #expect(notice.nextUpdateAt == at(40) && notice.nextUpdateReason == "the rollback takes 20 minutes")
        #expect(!String(describing: notice).contains(canary))
        let opening = try #require(CustomerNotice(notice: 1, in: incident))
        #expect(opening.updateNumber == 0 && opening.contact?.name == "Dana Ito" && opening.nextUpdateAt == iso("2026-11-23T13:20:00Z"))
        #expect(!String(describing: opening).contains(canary))
    }

    @Test func subscribeRefusesWhatCannotBeDeliveredInOneLine() throws {
        let incident = try LogBuilder(openedAt: Self.opened).fold()
        for (words, expected) in [
            ("http://hooks.acme.example/x", "https"), ("jane@@acme.example", "e-mail address"),
            ("jane@acme.example\nBcc: x@evil.example", "control characters"), ("", "needs"),
            ("https://", "URL"), ("jane@localhost", "e-mail address"),
        ] {
            let error = #expect(throws: CommandError.self) { try Command.subscribe(words, name: nil, customer: nil, zone: nil, secret: nil, allowPrivate: false) }
            #expect(error?.message.contains(expected) == true, "\(words): \(error?.message ?? "")")
            #expect(error?.message.contains("\n") == false)
        }
        #expect(throws: CommandError.self) { try Command.subscribe("jane@acme.example", name: nil, customer: nil, zone: "Mars/Olympus", secret: nil, allowPrivate: false) }
        #expect(throws: CommandError.self) { try Command.subscribe("jane@acme.example", name: nil, customer: nil, zone: nil, secret: "whsec_0123456789abcdef01234567", allowPrivate: false) }
        #expect(throws: CommandError.self) { try Command.subscribe("https://h.example/x", name: nil, customer: nil, zone: nil, secret: "whsec_short", allowPrivate: false) }
        let other = try Command.subscribe("jane@acme.example", name: nil, customer: "Globex", zone: nil, secret: nil, allowPrivate: false)
        #expect(throws: CommandError.self) { try other.payload(for: incident, now: at(1), timeZone: utc) }
        let webhook = try Command.subscribe("https://hooks.acme.example/x", name: nil, customer: nil, zone: nil, secret: nil, allowPrivate: false)
        guard case .subscribed(let made) = try webhook.payload(for: incident, now: at(1), timeZone: utc) else {
            Issue.record("not a subscription"); return
        }
        #expect(made.secret?.hasPrefix("whsec_") == true && made.secret?.count == 49, "a secret made from 32 random bytes")
    }

    /// Found in review: `subscribe bob@…` again, to check he was on the list, wiped his name and zone, ended his
    /// subscription and began another, and so changed the receipts of every update before.
    @Test func subscribingAgainKeepsWhatWasNotGivenAgain() throws {
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.subscribed(jane), minutes: 0)
        let incident = try log.fold()
        let again = try Command.subscribe(jane.address, name: nil, customer: nil, zone: nil, secret: nil, allowPrivate: false)
        let error = #expect(throws: CommandError.self) { try again.payload(for: incident, now: at(1), timeZone: utc) }
        #expect(error?.message == "jane@acme.example is already subscribed to INC-7 (as Jane Doe, every Acme incident, times in Europe/Berlin): nothing changed; --name, --zone or --customer change what it has")
        // A change keeps the rest.
        let newZone = try Command.subscribe(jane.address, name: nil, customer: nil, zone: "America/New_York", secret: nil, allowPrivate: false)
        #expect(try newZone.payload(for: incident, now: at(1), timeZone: utc)
            == .subscribed(Subscription(address: jane.address, name: "Jane Doe", customer: "Acme", zone: "America/New_York", secret: nil)))
    }

    /// Found in review: two webhooks on one host were both "webhook localhost" in flags and receipts, and the
    /// name given at subscribing was dropped. A named webhook is named; the path (it may hold a token) never shows.
    @Test func twoWebhooksOnOneHostAreToldApartByTheirNames() throws {
        let ops = Subscription(address: "https://hooks.acme.example/crisis/TOKEN-1", name: "Acme ops", customer: nil,
                               zone: nil, secret: "whsec_0123456789abcdef0123456789abcdef")
        let pager = Subscription(address: "https://hooks.acme.example/pager/TOKEN-2", name: nil, customer: nil,
                                 zone: nil, secret: "whsec_0123456789abcdef0123456789abcdef")
        var log = LogBuilder(openedAt: Self.opened)
        log.add(.subscribed(ops), minutes: 0)
        log.add(.subscribed(pager), minutes: 0)
        claim(&log, 1, ops.address, attempt: 1, minutes: 1)
        receipt(&log, 1, ops.address, attempt: 1, .failed, minutes: 1)
        let incident = try log.fold()
        let flags = incident.disciplineFlags(now: at(2)).map(\.text)
        #expect(flags.contains("U0 NOT DELIVERED to webhook Acme ops (hooks.acme.example)"), "\(flags)")
        let summary = incident.deliverySummary(of: 1, now: at(2), display: TimeDisplay(timeZone: utc)).map(\.text)
        #expect(summary.contains { $0.hasPrefix("✗ webhook Acme ops (hooks.acme.example):") }, "\(summary)")
        #expect(incident.shownContact(pager.address) == "webhook hooks.acme.example")
        #expect(!(flags + summary).contains { $0.contains("TOKEN") })
        // The receipt's line in the log names it too.
        let failed = try #require(log.events.last)
        #expect(EventDescription(incident: incident, display: TimeDisplay(timeZone: utc)).describe(failed)
            .contains("NOT posted to Acme ops (hooks.acme.example)"))
    }

    @Test func theSecretIsStoredButNeverPrinted() throws {
        let payload = EventPayload.subscribed(hook)
        let stored = try EventCoding.encode(payload)
        #expect(stored.contains(hook.secret!))
        #expect(try EventCoding.decodePayload(stored) == payload)
        let shown = String(decoding: try EventCoding.makeEncoder().encode(payload), as: UTF8.self)
        #expect(!shown.contains(hook.secret!))
        var log = LogBuilder(openedAt: Self.opened)
        log.add(payload)
        let folded = String(decoding: try EventCoding.makeEncoder().encode(try log.fold()), as: UTF8.self)
        #expect(!folded.contains(hook.secret!))
        for receipt in [EventPayload.deliveryClaimed(DeliveryClaim(notice: 1, target: "a@b.example", attempt: 2, firedBy: "w")),
                        .deliveryReceipt(DeliveryReceipt(notice: 1, target: "a@b.example", attempt: 2, outcome: .retrying,
                                                         detail: "75", retryAt: at(3))),
                        .unsubscribed(address: "a@b.example", customer: nil), .deliveryExplained(notice: 1, text: "phoned")] {
            #expect(try EventCoding.decodePayload(try EventCoding.encode(receipt)) == receipt)
        }
    }
}
