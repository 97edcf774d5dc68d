import Foundation
import IncidentModel
import Testing

@Suite("Countdown")
struct CountdownTests {
    let target = iso("2026-11-23T14:00:00Z")

    /// The countdown to `target` as `clock` sees it now.
    func countdown(_ clock: ManualClock) -> Countdown {
        Countdown(target: target, now: clock.now)
    }

    @Test func remainingFollowsTheClock() {
        let clock = ManualClock(target.addingTimeInterval(-20 * 60))
        #expect(countdown(clock).remaining == 1200)
        #expect(countdown(clock).display == "20:00")
        #expect(countdown(clock).phrase == "in 20:00")
        #expect(countdown(clock).urgency == .calm)
        clock.advance(by: 2)
        #expect(countdown(clock).remainingSeconds == 1198)
        #expect(countdown(clock).display == "19:58")
        #expect(!countdown(clock).isOverdue)
        #expect(countdown(clock).overdueSeconds == 0)
    }

    @Test func warningInTheLastFiveMinutes() {
        let clock = ManualClock(target.addingTimeInterval(-301))
        #expect(countdown(clock).urgency == .calm)
        #expect(countdown(clock).display == "05:01")
        clock.advance(by: 0.5)
        #expect(countdown(clock).urgency == .calm, "05:00.5 left still shows 05:01")
        clock.advance(by: 0.5)
        #expect(countdown(clock).urgency == .warning)
        #expect(countdown(clock).display == "05:00")
        clock.set(target.addingTimeInterval(-1))
        #expect(countdown(clock).urgency == .warning)
        #expect(countdown(clock).display == "00:01")
    }

    @Test func roundingAtTheBoundary() {
        let clock = ManualClock(target.addingTimeInterval(-0.001))
        #expect(countdown(clock).display == "00:01", "partial seconds round up while time is left")
        clock.set(target)
        #expect(countdown(clock).display == "00:00")
        #expect(!countdown(clock).isOverdue)
        #expect(countdown(clock).urgency == .warning)
        clock.advance(by: 0.999)
        #expect(!countdown(clock).isOverdue, "the first late second is not yet a whole second")
        #expect(countdown(clock).display == "00:00")
        clock.advance(by: 0.001)
        #expect(countdown(clock).isOverdue)
        #expect(countdown(clock).urgency == .overdue)
        #expect(countdown(clock).display == "OVERDUE +00:01")
    }

    @Test func overdueByHowMuch() {
        let clock = ManualClock(target.addingTimeInterval(4 * 60 + 12))
        let late = countdown(clock)
        #expect(late.isOverdue)
        #expect(late.overdueSeconds == 252)
        #expect(late.remaining == -252)
        #expect(late.display == "OVERDUE +04:12")
        #expect(late.phrase == "overdue by 04:12")
        clock.advance(by: 0.7)
        #expect(countdown(clock).display == "OVERDUE +04:12", "late seconds count whole seconds only")
    }

    @Test func hoursFormat() {
        let clock = ManualClock(target.addingTimeInterval(-3600))
        #expect(countdown(clock).display == "1:00:00")
        clock.advance(by: 1)
        #expect(countdown(clock).display == "59:59")
        clock.set(target.addingTimeInterval(-(4 * 3600 + 5 * 60 + 9)))
        #expect(countdown(clock).display == "4:05:09")
        clock.set(target.addingTimeInterval(3600 + 62))
        #expect(countdown(clock).display == "OVERDUE +1:01:02")
        #expect(Countdown.clock(36 * 3600) == "36:00:00")
        #expect(Countdown.clock(-5) == "00:00")
    }

    @Test func spans() {
        #expect(Countdown.span(0) == "0s")
        #expect(Countdown.span(59.9) == "59s")
        #expect(Countdown.span(60) == "1m")
        #expect(Countdown.span(17 * 60 + 30) == "17m")
        #expect(Countdown.span(2 * 3600 + 5 * 60) == "2h05m")
        #expect(Countdown.span(3 * 3600) == "3h")
        #expect(Countdown.span(50 * 3600) == "2d2h")
        #expect(Countdown.span(-10) == "0s")
    }
}

@Suite("Next update and cadence")
struct CadenceTests {
    static let cadences: [(Severity, TimeInterval)] = [(.sev1, 1200), (.sev2, 1800), (.sev3, 3600), (.sev4, 14_400)]

    @Test("default cadence by severity", arguments: cadences)
    func defaultCadence(severity: Severity, seconds: TimeInterval) throws {
        #expect(severity.defaultCadence == seconds)
        let incident = try LogBuilder(severity: severity).fold()
        #expect(incident.cadence == seconds)
        #expect(incident.nextUpdateDue == incident.openedAt.addingTimeInterval(seconds))
    }

    @Test func cadenceOverridePerIncident() throws {
        let incident = try LogBuilder(severity: .sev4, cadence: 15 * 60).fold()
        #expect(incident.cadence == 15 * 60)
        #expect(incident.nextUpdateDue == iso("2026-11-23T13:15:00Z"))
        #expect(incident.nextUpdateReason == "first briefing due one cadence after opening")
    }

    @Test func latestBriefingCommitsTheNextUpdate() throws {
        var log = LogBuilder(severity: .sev1)
        log.add(.briefing(text: "first", nextUpdateAt: iso("2026-11-23T13:45:00Z"), reason: "after the failover"))
        var incident = try log.fold()
        #expect(incident.nextUpdateDue == iso("2026-11-23T13:45:00Z"))
        #expect(incident.nextUpdateReason == "after the failover")

        // A later briefing may commit to an earlier time: the latest word counts, not the furthest.
        let second = log.add(.briefing(text: "second", nextUpdateAt: iso("2026-11-23T13:30:00Z"), reason: nil))
        try incident.apply(second)
        #expect(incident.nextUpdateDue == iso("2026-11-23T13:30:00Z"))
        #expect(incident.nextUpdateReason == nil)
    }

    @Test func nextUpdateCountdownWithAManualClock() throws {
        let incident = try LogBuilder(severity: .sev2).fold()
        let clock = ManualClock(incident.openedAt)
        #expect(incident.nextUpdateCountdown(now: clock.now)?.display == "30:00")
        clock.advance(by: 26 * 60)
        #expect(incident.nextUpdateCountdown(now: clock.now)?.urgency == .warning)
        clock.advance(by: 8 * 60 + 12)
        #expect(incident.nextUpdateCountdown(now: clock.now)?.display == "OVERDUE +04:12")
    }

    @Test func manualClockMovesOnlyWhenTold() {
        let start = iso("2026-11-23T13:00:00Z")
        let clock = ManualClock(start)
        #expect(clock.now == start)
        #expect(clock.now == start)
        clock.advance(by: -90)
        #expect(clock.now == start.addingTimeInterval(-90))
        clock.set(start.addingTimeInterval(5))
        #expect(clock.now == start.addingTimeInterval(5))
    }
}
