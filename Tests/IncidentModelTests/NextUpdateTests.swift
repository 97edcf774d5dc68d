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

    @Test func anOpenIncidentAges() throws {
        let incident = try LogBuilder().fold()
        #expect(incident.ageText(now: iso("2026-11-23T14:05:00Z")) == "open 1h05m")
    }
}
