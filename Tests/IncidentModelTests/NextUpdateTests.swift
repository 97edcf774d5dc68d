import Foundation
import IncidentModel
import Testing

/// Issue 11, bug 1: a resolved or closed incident must not count down to an update nobody owes.
@Suite struct NextUpdateTests {
    private func resolvedIncident() -> LogBuilder {
        var log = LogBuilder(severity: .sev2)
        log.add(.briefing(text: "we are failing over", nextUpdateAt: iso("2026-11-23T13:31:00Z"), reason: "after the failover"))
        log.add(.status(.resolved), minutes: 9) // 13:10
        return log
    }

    @Test func resolvedWithoutAFurtherPromiseOwesNothing() throws {
        let incident = try resolvedIncident().fold()
        let later = iso("2026-11-23T14:00:00Z")
        #expect(incident.nextUpdate(now: later) == .resolved(at: iso("2026-11-23T13:10:00Z")))
        #expect(incident.nextUpdateCountdown(now: later) == nil)
        #expect(!incident.disciplineFlags(now: later).contains { if case .updateOverdue = $0 { true } else { false } })
        // The promise that was pending at resolution is neither kept nor missed: it is not counted.
        #expect(incident.updatesOnTime(now: later) == (kept: 1, settled: 1))
        #expect(incident.nextUpdate(now: later).summary(TimeDisplay(timeZone: utc), now: later)
            == "resolved 13:10 GMT · no further updates promised")
    }

    @Test func aBriefingAfterResolutionPromisesAgain() throws {
        var log = resolvedIncident()
        log.add(.briefing(text: "resolved; we will confirm tomorrow", nextUpdateAt: iso("2026-11-23T14:00:00Z"), reason: nil))
        let incident = try log.fold()
        let now = iso("2026-11-23T14:05:00Z")
        guard case .promised(let due, _, let countdown) = incident.nextUpdate(now: now) else {
            Issue.record("expected a standing promise")
            return
        }
        #expect(due == iso("2026-11-23T14:00:00Z"))
        #expect(countdown.display == "OVERDUE +05:00")
    }

    @Test func reopeningRestartsTheCountdown() throws {
        var log = resolvedIncident()
        log.add(.status(.investigating))
        let incident = try log.fold()
        #expect(incident.nextUpdateCountdown(now: iso("2026-11-23T13:40:00Z"))?.isOverdue == true)
    }

    @Test func closedIncidentOwesNothingAndStopsAgeing() throws {
        var log = resolvedIncident()
        log.add(.confirmed(by: "Jo", note: nil), minutes: 20)
        log.add(.closed(unconfirmedReason: nil), minutes: 42) // 14:12
        let incident = try log.fold()
        let muchLater = iso("2026-11-23T18:00:00Z")
        #expect(incident.nextUpdate(now: muchLater) == .closed(at: iso("2026-11-23T14:12:00Z")))
        #expect(incident.ageText(now: muchLater) == "closed after 1h12m")
        #expect(incident.disciplineFlags(now: muchLater).isEmpty)
    }

    /// Found in review: resolved before the promised time, then closed after it, the record went from 1/1 to
    /// 1/2 on every screen and in the debrief. Nothing was owed from the resolution on.
    @Test func closingAfterThePromisedTimeCountsNoMissWhenItWasResolvedBefore() throws {
        var log = resolvedIncident()                                       // promised 13:31, resolved 13:10
        log.add(.confirmed(by: "Jo", note: nil), minutes: 11)             // 13:21
        log.add(.closed(unconfirmedReason: nil), minutes: 30)              // 13:51, after the promised time
        let incident = try log.fold()
        let later = iso("2026-11-23T15:00:00Z")
        #expect(incident.updatesOnTime(now: later) == (kept: 1, settled: 1))
        #expect(IncidentDigest(incident: incident).updatesOnTime(now: later) == (kept: 1, settled: 1))
        #expect(try IncidentDigest(events: log.events).updatesOnTime(now: later) == (kept: 1, settled: 1), "folded event by event")
        #expect(incident.nextUpdate(now: later) == .closed(at: iso("2026-11-23T13:51:00Z")))
        // Reopened and closed unconfirmed while the promise stood: that one was missed.
        var reopened = resolvedIncident()
        reopened.add(.status(.investigating), minutes: 1)                  // 13:11
        reopened.add(.closed(unconfirmedReason: "customer unreachable"), minutes: 30) // 13:41
        #expect(try reopened.fold().updatesOnTime(now: later) == (kept: 1, settled: 2))
        #expect(try IncidentDigest(events: reopened.events).updatesOnTime(now: later) == (kept: 1, settled: 2))
    }

    @Test func anOpenIncidentAges() throws {
        let incident = try LogBuilder().fold()
        #expect(incident.ageText(now: iso("2026-11-23T14:05:00Z")) == "open 1h05m")
    }
}
