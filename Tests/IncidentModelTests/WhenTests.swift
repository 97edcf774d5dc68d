import Foundation
import IncidentModel
import Testing

@Suite("When")
struct WhenTests {
    @Test func parsesDurations() {
        #expect(When(parsing: "20m") == .after(1200))
        #expect(When(parsing: "1h30m") == .after(5400))
        #expect(When(parsing: "20m")?.resolve(now: iso("2026-11-23T13:00:00Z"), timeZone: berlin)
            == iso("2026-11-23T13:20:00Z"))
    }

    @Test func parsesClockTimes() {
        #expect(When(parsing: "14:30") == .clock(hour: 14, minute: 30))
        #expect(When(parsing: "9:05") == .clock(hour: 9, minute: 5))
        #expect(When(parsing: "00:00") == .clock(hour: 0, minute: 0))
        #expect(When(parsing: "23:59") == .clock(hour: 23, minute: 59))
    }

    @Test("refused", arguments: ["24:00", "14:60", "14:5", "1430", "14:30:00", ":30", "14:", "ab:cd", "", "soon",
                                 "-5m", "0m", "2026-13-45T99:00:00Z", "１４:３０"])
    func refuses(text: String) {
        #expect(When(parsing: text, timeZone: berlin) == nil)
    }

    @Test func clockTimeLaterToday() throws {
        let now = iso("2026-11-23T12:00:00Z") // 13:00 in Berlin (CET, +1)
        let when = try #require(When(parsing: "14:30"))
        #expect(when.resolve(now: now, timeZone: berlin) == iso("2026-11-23T13:30:00Z"))
        #expect(when.resolve(now: now, timeZone: utc) == iso("2026-11-23T14:30:00Z"))
    }

    @Test func clockTimeAlreadyPassedMeansTomorrow() throws {
        let when = try #require(When(parsing: "14:30"))
        // 15:00 in Berlin.
        #expect(when.resolve(now: iso("2026-11-23T14:00:00Z"), timeZone: berlin) == iso("2026-11-24T13:30:00Z"))
        // Exactly 14:30:00: "the next 14:30" is tomorrow's.
        #expect(when.resolve(now: iso("2026-11-23T13:30:00Z"), timeZone: berlin) == iso("2026-11-24T13:30:00Z"))
        // One second before: still today.
        #expect(when.resolve(now: iso("2026-11-23T13:29:59Z"), timeZone: berlin) == iso("2026-11-23T13:30:00Z"))
        // Around midnight local time, which is still the previous day in UTC.
        let midnight = try #require(When(parsing: "0:15"))
        #expect(midnight.resolve(now: iso("2026-11-23T23:05:00Z"), timeZone: berlin) == iso("2026-11-23T23:15:00Z"))
    }

    @Test func clockTimeAcrossTheSpringDSTChange() throws {
        let when = try #require(When(parsing: "14:30"))
        // Saturday 28 March 2026 15:00 CET; the clocks go forward that night.
        let now = iso("2026-03-28T14:00:00Z")
        // Sunday 14:30 CEST (+2) is 12:30Z, not the 13:30Z that adding a day would give.
        #expect(when.resolve(now: now, timeZone: berlin) == iso("2026-03-29T12:30:00Z"))
    }

    @Test func clockTimeAcrossTheAutumnDSTChange() throws {
        let when = try #require(When(parsing: "14:30"))
        // Saturday 24 October 2026 15:00 CEST; the clocks go back that night.
        #expect(when.resolve(now: iso("2026-10-24T13:00:00Z"), timeZone: berlin) == iso("2026-10-25T13:30:00Z"))
        // 02:30 happens twice that night: the next one is the first.
        let twice = try #require(When(parsing: "02:30"))
        #expect(twice.resolve(now: iso("2026-10-24T22:00:00Z"), timeZone: berlin) == iso("2026-10-25T00:30:00Z"))
    }

    @Test func clockTimeThatDoesNotExistOnTheDSTNight() throws {
        // 02:30 does not happen on 29 March 2026 in Berlin. Whatever it resolves to must be in the future, that
        // night, and read as a real wall-clock time: not a time already gone.
        let when = try #require(When(parsing: "02:30"))
        let now = iso("2026-03-28T23:00:00Z") // 00:00 CET
        let resolved = when.resolve(now: now, timeZone: berlin)
        #expect(resolved > now)
        #expect(resolved <= iso("2026-03-29T01:30:00Z"))
    }

    @Test func isoInstants() throws {
        let expected = iso("2026-11-23T14:30:00Z")
        #expect(When(parsing: "2026-11-23T14:30:00Z") == .instant(expected))
        #expect(When(parsing: "2026-11-23T15:30:00+01:00") == .instant(expected))
        #expect(When(parsing: "2026-11-23T09:30:00-05:00") == .instant(expected))
        #expect(When(parsing: "2026-11-23T14:30:00.250Z") == .instant(expected.addingTimeInterval(0.25)))
        #expect(When(parsing: "2026-11-23T20:00:00.5+05:30") == .instant(expected.addingTimeInterval(0.5)))
        // Without a zone: read in the given zone.
        #expect(When(parsing: "2026-11-23T15:30", timeZone: berlin) == .instant(expected))
        #expect(When(parsing: "2026-11-23 15:30:00", timeZone: berlin) == .instant(expected))
        #expect(When(parsing: "2026-11-23T14:30:00Z")?.resolve(now: iso("2026-11-24T00:00:00Z"), timeZone: berlin)
            == expected, "an instant resolves to itself, even in the past: the command refuses it, not the parser")
    }
}
