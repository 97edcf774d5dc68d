import Foundation
import IncidentModel
import Testing

/// Issue 11: zones printed as `GMT+1` where people expect `CET`.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: ZoneAbbreviation.zoneinfo + "/Europe/Berlin"),
                "needs the tz database (Debian's tzdata)"))
struct ZoneAbbreviationTests {
    @Test func europeanZonesReadAsPeopleSayThem() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(ZoneAbbreviation.of(berlin, at: iso("2026-11-23T13:00:00Z")) == "CET")
        #expect(ZoneAbbreviation.of(berlin, at: iso("2026-07-01T13:00:00Z")) == "CEST")
        #expect(TimeDisplay(timeZone: berlin).absolute(iso("2026-11-23T13:30:00Z"), now: iso("2026-11-23T13:00:00Z"))
            == "14:30 CET (13:30Z)")
    }

    @Test func americanZones() {
        let newYork = TimeZone(identifier: "America/New_York")!
        #expect(ZoneAbbreviation.of(newYork, at: iso("2026-11-23T13:00:00Z")) == "EST")
        #expect(ZoneAbbreviation.of(newYork, at: iso("2026-07-01T13:00:00Z")) == "EDT")
    }

    @Test func aZoneWithOnlyANumberIsNamed() {
        #expect(ZoneAbbreviation.of(TimeZone(identifier: "Asia/Dubai")!, at: iso("2026-11-23T13:00:00Z")) == "Asia/Dubai")
    }

    @Test func utcStaysShort() {
        let name = ZoneAbbreviation.of(TimeZone(identifier: "UTC")!, at: iso("2026-11-23T13:00:00Z"))
        #expect(["UTC", "GMT"].contains(name))
    }
}
