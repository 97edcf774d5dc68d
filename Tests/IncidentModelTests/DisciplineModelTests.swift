import Foundation
import Testing
@testable import IncidentModel

/// Promises kept, lapses flagged and closure, all from folded events at fixed times.
@Suite struct DisciplineModelTests {
    let opened = Date(timeIntervalSince1970: 1_800_000_000)
    let id = IncidentID(7)

    private func minutes(_ m: Double) -> Date { opened.addingTimeInterval(m * 60) }

    private func fold(_ payloads: [(Double, EventPayload)], severity: Severity = .sev2) throws -> Incident {
        var events = [Event(incident: id, sequence: 1, recordedAt: opened, author: "ana",
                            payload: .opened(title: "t", severity: severity, customer: nil, cadence: nil))]
        for (offset, (minute, payload)) in payloads.enumerated() {
            events.append(Event(incident: id, sequence: offset + 2, recordedAt: minutes(minute), author: "ana", payload: payload))
        }
        return try Incident(events: events)
    }

    @Test func promisesAreKeptOrMissedByTheBriefingThatFollows() throws {
        let incident = try fold([
            (10, .briefing(text: "a", nextUpdateAt: minutes(40), reason: "r1")),   // first promise (30) kept
            (45, .briefing(text: "b", nextUpdateAt: minutes(75), reason: "r2")),   // promise 40 missed by 5
        ])
        let promises = incident.updatePromises(now: minutes(50))
        #expect(promises.map(\.outcome) == [.kept, .missed, .pending])
        #expect(promises[1].lateness == 300)
        #expect(promises[2].dueAt == minutes(75))
        #expect(incident.updatesOnTime(now: minutes(50)) == (1, 2))
        // Once the pending promise passes unfulfilled it is overdue, and counts as a miss.
        #expect(incident.updatePromises(now: minutes(80)).last?.outcome == .overdue)
        #expect(incident.updatesOnTime(now: minutes(80)) == (1, 3))
    }

    @Test func aBriefingExactlyOnTimeIsKept() throws {
        let incident = try fold([(30, .briefing(text: "a", nextUpdateAt: minutes(60), reason: nil))])
        #expect(incident.updatePromises(now: minutes(31)).first?.outcome == .kept)
    }

    @Test func flagsRaiseAndClear() throws {
        let quiet = try fold([(1, .question(text: "q?"))], severity: .sev1)
        let flags = quiet.disciplineFlags(now: minutes(35))
        #expect(flags.contains(.noOwner))
        #expect(flags.contains(.staleQuestion(number: 1, openFor: 34 * 60)))
        #expect(flags.contains(.quietChannel(for: 34 * 60)))
        #expect(flags.contains(.updateOverdue(by: 15 * 60)))

        #expect(flags.contains(.noCommsLead))
        let calm = try fold([(1, .owner(name: "Ana", phone: "+1 555 0100")), (1, .role(.comms, name: "Marc", phone: nil)),
                             (2, .question(text: "q?")),
                             (3, .answer(question: 1, text: "a")), (4, .briefing(text: "b", nextUpdateAt: minutes(30), reason: "r"))],
                            severity: .sev1)
        #expect(calm.disciplineFlags(now: minutes(10)).isEmpty)
        // SEV3 does not need an owner.
        #expect(!(try fold([], severity: .sev3).disciplineFlags(now: minutes(1)).contains(.noOwner)))
    }

    @Test func closingNeedsTheCustomersWordOrAReason() throws {
        let resolved = try fold([(10, .status(.resolved))])
        #expect(throws: CommandError.self) {
            try Command.close(unconfirmedWhy: nil).payload(for: resolved, now: minutes(11), timeZone: .gmt)
        }
        #expect(try Command.close(unconfirmedWhy: "unreachable").payload(for: resolved, now: minutes(11), timeZone: .gmt)
                == .closed(unconfirmedReason: "unreachable"))
        let notYet = try fold([(10, .status(.mitigated))])
        #expect(throws: CommandError.self) {
            try Command.confirm(by: "Jo", note: nil).payload(for: notYet, now: minutes(11), timeZone: .gmt)
        }
        let confirmed = try fold([(10, .status(.resolved)), (12, .confirmed(by: "Jo", note: nil))])
        #expect(try Command.close(unconfirmedWhy: nil).payload(for: confirmed, now: minutes(13), timeZone: .gmt)
                == .closed(unconfirmedReason: nil))
        #expect(throws: CommandError.self) {
            try Command.status(.closed).payload(for: confirmed, now: minutes(13), timeZone: .gmt)
        }
        // Reopening withdraws the confirmation.
        let reopened = try fold([(10, .status(.resolved)), (12, .confirmed(by: "Jo", note: nil)), (14, .status(.investigating))])
        #expect(reopened.confirmation == nil)
        #expect(reopened.confirmations.count == 1)
    }

    @Test func aClosedIncidentOwesNoMoreUpdates() throws {
        let closed = try fold([(10, .briefing(text: "a", nextUpdateAt: minutes(40), reason: nil)),
                               (20, .status(.resolved)), (21, .confirmed(by: "Jo", note: nil)), (22, .closed(unconfirmedReason: nil))])
        #expect(closed.updatePromises(now: minutes(500)).map(\.outcome) == [.kept])
        #expect(closed.disciplineFlags(now: minutes(500)).isEmpty)
        // Follow-ups still go on.
        #expect(try Command.followUp(due: .after(86_400), text: "call").payload(for: closed, now: minutes(30), timeZone: .gmt)
                == .followUp(dueAt: Timestamp.truncated(minutes(30 + 1440)), text: "call"))
    }

    @Test func theDebriefMeasuresFromTheLog() throws {
        var events = [Event(incident: id, sequence: 1, recordedAt: opened, author: "ana",
                            payload: .opened(title: "Checkout <b>down</b>", severity: .sev2, customer: "Acme", cadence: nil))]
        let script: [(Double, EventPayload)] = [
            (10, .briefing(text: "a", nextUpdateAt: minutes(40), reason: "r")),
            (60, .status(.mitigated)), (90, .status(.resolved)),
            (100, .confirmed(by: "Jo", note: nil)), (105, .closed(unconfirmedReason: nil)),
        ]
        for (offset, (minute, payload)) in script.enumerated() {
            events.append(Event(incident: id, sequence: offset + 2, recordedAt: minutes(minute), author: "ana", payload: payload))
        }
        let debrief = try Debrief(events: events, now: minutes(200), timeZone: .gmt)
        #expect(debrief.durations.toFirstBriefing == 600)
        #expect(debrief.durations.toMitigation == 3600)
        #expect(debrief.durations.toResolution == 5400)
        #expect(debrief.durations.toCustomerConfirmation == 6000)
        #expect(debrief.durations.total == 6300)
        #expect((debrief.updatesOnTime, debrief.updatesSettled) == (1, 2))
        let html = DebriefHTML(debrief: debrief, display: TimeDisplay(timeZone: .gmt)).render()
        #expect(html.contains("Checkout &lt;b&gt;down&lt;/b&gt;"))
        #expect(!html.contains("<b>down</b>"))
    }
}
