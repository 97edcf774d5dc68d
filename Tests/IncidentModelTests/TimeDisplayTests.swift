import Foundation
import Testing
@testable import IncidentModel

/// The times a dashboard writes every frame are worked out from the zone's offset, not by a DateFormatter:
/// they must read exactly as the formatter writes them, across zones, DST changes and leap days.
@Suite struct TimeDisplayTests {
    static let zones = ["Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe",
                        "America/St_Johns", "Pacific/Chatham", "UTC", "Asia/Tokyo", "America/Sao_Paulo"]

    static func formatter(_ pattern: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter
    }

    @Test(arguments: zones)
    func writesWhatTheFormatterWrites(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let display = TimeDisplay(timeZone: zone)
        let clock = Self.formatter("HH:mm", zone)
        let seconds = Self.formatter("HH:mm:ss", zone)
        let dayAndClock = Self.formatter("MMM d HH:mm", zone)
        var random = SystemRandomNumberGenerator()
        // 1995 to 2045, random moments plus every quarter hour around each DST change in 2026.
        // Whole milliseconds, as the log keeps them: within a microsecond of a second's end the formatter's
        // own floating point may round either way, which no one could see.
        var moments = (0..<3000).map { _ in
            Date(timeIntervalSince1970: Double(Int.random(in: 788_918_400_000...2_366_841_600_000, using: &random)) / 1000)
        }
        var previous = zone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_767_225_600))
        for quarter in 0..<(366 * 96) {
            let date = Date(timeIntervalSince1970: 1_767_225_600 + Double(quarter) * 900)
            let offset = zone.secondsFromGMT(for: date)
            if offset != previous {
                moments += (-8...8).map { date.addingTimeInterval(Double($0) * 450 - 1) }
                previous = offset
            }
        }
        moments += [Date(timeIntervalSince1970: 1_709_164_800), // 2024-02-29, a leap day
                    Date(timeIntervalSince1970: 951_782_400), // 2000-02-29
                    Date(timeIntervalSince1970: 1_798_761_599.5), // the last half second of 2026
                    // 9 minutes after St. John's moved its clocks at 00:01 local (03:31 UTC), off the quarter hour.
                    Date(timeIntervalSince1970: 1_112_499_600)]
        for moment in moments {
            #expect(display.clock(moment) == clock.string(from: moment), "\(moment) in \(zoneName)")
            #expect(display.clockWithSeconds(moment) == seconds.string(from: moment), "\(moment) in \(zoneName)")
            #expect(display.dayAndClock(moment) == dayAndClock.string(from: moment), "\(moment) in \(zoneName)")
        }
    }

    @Test func sameDayFollowsTheLocalCalendar() throws {
        let berlin = TimeDisplay(timeZone: try #require(TimeZone(identifier: "Europe/Berlin")))
        let lateEvening = Date(timeIntervalSince1970: 1_795_989_600) // 2026-11-29 22:00 UTC, 23:00 in Berlin
        #expect(berlin.isSameDay(lateEvening, lateEvening.addingTimeInterval(50 * 60)) == true)
        #expect(berlin.isSameDay(lateEvening, lateEvening.addingTimeInterval(61 * 60)) == false)
        #expect(TimeDisplay(timeZone: .gmt).isSameDay(lateEvening, lateEvening.addingTimeInterval(61 * 60)) == true)
    }
}
