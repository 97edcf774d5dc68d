import Foundation
import Testing
@testable import IncidentModel

/// The digest is a cache of the fold: folded event by event it must equal the digest of a full fold, after
/// every kind of event and along long mixed logs, and answer the board's questions as the incident does.
@Suite("Incident digest")
struct IncidentDigestTests {
    @Test(arguments: EventKind.allCases.filter { $0 != .opened })
    func eachKindOfEventFoldsAsTheFullFoldSays(kind: EventKind) throws {
        var log = LogBuilder()
        // Something for every kind to refer to: a deadline, a question, a follow-up, a briefing with a delivery.
        log.add(.deadlineSet(text: "check lag", dueAt: iso("2026-11-23T14:00:00Z"), owner: "bo"))
        log.add(.question(text: "deploy out?"))
        log.add(.followUp(dueAt: iso("2026-11-24T09:00:00Z"), text: "call back"))
        log.add(.customerRequest(text: "HAR file", reason: "only they can"))
        var digest = try IncidentDigest(events: log.events)
        try expectMatchesFullFold(digest, log)
        try digest.apply(log.add(samplePayload(kind), minutes: 10))
        try expectMatchesFullFold(digest, log)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func longMixedLogsFoldAsTheFullFoldAfterEveryEvent(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        var log = LogBuilder(severity: Severity(rawValue: Int(random.next() % 4) + 1) ?? .sev2)
        var digest = try IncidentDigest(events: log.events)
        for _ in 0..<400 {
            let event = log.add(randomPayload(&random, log: log), author: ["ana", "bo", "cy"][Int(random.next() % 3)],
                                minutes: Double(random.next() % 40))
            try digest.apply(event)
            try expectMatchesFullFold(digest, log)
        }
    }

    @Test func aDigestSurvivesItsOwnStorage() throws {
        var random = SplitMix(seed: 99)
        var log = LogBuilder()
        for _ in 0..<200 { log.add(randomPayload(&random, log: log), minutes: 3) }
        let digest = try IncidentDigest(events: log.events)
        let stored = try JSONEncoder().encode(digest)
        #expect(try JSONDecoder().decode(IncidentDigest.self, from: stored) == digest)
    }

    @Test func eventsOutOfOrderOrFromAnotherIncidentAreRefused() throws {
        var log = LogBuilder()
        let second = log.add(.note(text: "2"))
        let third = log.add(.note(text: "3"))
        var digest = try IncidentDigest(events: log.events.prefix(1))
        #expect(throws: FoldError.outOfOrder(incident: IncidentID(7), expected: 2, found: 3)) { try digest.apply(third) }
        try digest.apply(second)
        let foreign = Event(incident: IncidentID(8), sequence: 3, recordedAt: third.recordedAt, author: "x", payload: .note(text: "x"))
        #expect(throws: FoldError.wrongIncident(expected: IncidentID(7), found: IncidentID(8))) { try digest.apply(foreign) }
        #expect(throws: FoldError.notOpened(IncidentID(7))) { try IncidentDigest(opening: second) }
    }

    @Test func theNewestNoticesDeliveriesAreTalliedAndANewBriefingStartsAfresh() throws {
        var log = LogBuilder()
        let briefing = log.add(.briefing(text: "We see it", nextUpdateAt: iso("2026-11-23T14:00:00Z"), reason: "r"))
        for (target, outcome) in [("a@x.example", DeliveryReceipt.Outcome.delivered), ("b@x.example", .failed),
                                  ("c@x.example", .retrying), ("d@x.example", nil)] {
            log.add(.deliveryClaimed(DeliveryClaim(notice: briefing.sequence, target: target, attempt: 1, firedBy: "w")))
            if let outcome {
                log.add(.deliveryReceipt(DeliveryReceipt(notice: briefing.sequence, target: target, attempt: 1,
                                                         outcome: outcome, detail: "d", retryAt: nil)))
            }
        }
        var digest = try IncidentDigest(events: log.events)
        #expect(digest.deliveryTally == NoticeDelivery.Tally(delivered: 1, pending: 2, failed: 1))
        try digest.apply(log.add(.briefing(text: "Next", nextUpdateAt: iso("2026-11-23T15:00:00Z"), reason: "r")))
        #expect(digest.deliveryTally == nil)
        try expectMatchesFullFold(digest, log)
    }

    private func expectMatchesFullFold(_ digest: IncidentDigest, _ log: LogBuilder,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let incident = try log.fold()
        let full = IncidentDigest(incident: incident)
        #expect(digest == full, "after event \(log.events.count) (\(log.events.last!.kind))", sourceLocation: sourceLocation)
        for offset in [-3600.0, 0, 60, 3600, 86400] {
            let now = log.now.addingTimeInterval(offset)
            #expect(digest.nextUpdate(now: now) == incident.nextUpdate(now: now), sourceLocation: sourceLocation)
            #expect(digest.updatesOnTime(now: now) == incident.updatesOnTime(now: now), sourceLocation: sourceLocation)
            #expect(digest.dueFollowUps(now: now) == incident.followUps.filter { $0.isDue(now: now) },
                    sourceLocation: sourceLocation)
        }
    }

    /// A payload that often refers to items that exist, sometimes to ones that do not or are already
    /// settled, and touches status, owners, leads, notices and their deliveries.
    private func randomPayload(_ random: inout SplitMix, log: LogBuilder) -> EventPayload {
        let soon = log.now.addingTimeInterval(Double(random.next() % 7200) - 1800)
        let number = Int(random.next() % 6) + 1
        let notices = [1] + log.events.filter { $0.kind == .briefing || $0.kind == .closed }.map(\.sequence)
        let notice = random.next() % 4 == 0 ? notices.randomElement(using: &random)! : notices.last!
        let target = ["a@x.example", "b@x.example", "https://hooks.example/h"][Int(random.next() % 3)]
        switch random.next() % 22 {
        case 0, 1: return .note(text: "n")
        case 2, 3: return .briefing(text: "b", nextUpdateAt: soon, reason: "r")
        case 4: return .deadlineSet(text: "d", dueAt: soon, owner: random.next() % 2 == 0 ? "bo" : nil)
        case 5: return .deadlineMet(deadline: number, note: nil)
        case 6: return .deadlineDropped(deadline: number, note: "x")
        case 7: return .deadlineSlipped(deadline: number, dueAt: soon, reason: "s")
        case 8: return .owner(name: ["Bo", "Cy"][Int(random.next() % 2)], phone: "+1 555")
        case 9: return .role(random.next() % 2 == 0 ? .comms : .tech, name: "Marc", phone: nil)
        case 10: return .status(IncidentStatus.allCases.randomElement(using: &random)!)
        case 11: return .closed(unconfirmedReason: "gone")
        case 12: return .followUp(dueAt: soon, text: "call")
        case 13: return .followUpDone(followUp: number)
        case 14, 15: return .deliveryClaimed(DeliveryClaim(notice: notice, target: target, attempt: number, firedBy: "w"))
        case 16, 17:
            let outcome = [DeliveryReceipt.Outcome.delivered, .retrying, .failed].randomElement(using: &random)!
            return .deliveryReceipt(DeliveryReceipt(notice: notice, target: target, attempt: number, outcome: outcome,
                                                    detail: "d", retryAt: nil))
        case 18: return .impact(text: "i")
        case 19: return .customerRequest(text: "c", reason: "r")
        case 20: return .confirmed(by: "Jo", note: nil)
        default: return .question(text: "q")
        }
    }
}

/// A small seeded generator, so a failing log can be replayed.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
