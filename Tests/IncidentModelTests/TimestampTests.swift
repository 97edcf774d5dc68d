import Foundation
import IncidentModel
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test func millisecondsBothWays() {
        let date = iso("2026-11-23T14:05:09.123Z")
        #expect(Timestamp.milliseconds(date) == 1_795_442_709_123)
        #expect(Timestamp.date(milliseconds: 1_795_442_709_123) == date)
        #expect(Timestamp.truncated(date.addingTimeInterval(0.0004)) == date)
        #expect(Timestamp.iso8601(date) == "2026-11-23T14:05:09.123Z")
    }

    @Test func everyMillisecondOfASecondPrintsAndReadsBackExactly() throws {
        for ms in Int64(1_795_442_709_000)..<1_795_442_710_000 {
            let date = Timestamp.date(milliseconds: ms)
            let text = Timestamp.iso8601(date)
            #expect(text.hasSuffix(String(format: ".%03dZ", Int(ms % 1000))), "\(ms) printed as \(text)")
            let back = try #require(Timestamp.parseISO8601(text))
            #expect(back == date, "\(text) read back as \(back.timeIntervalSince1970)")
        }
    }

    @Test func timesBefore1970() throws {
        let date = Timestamp.date(milliseconds: -1)
        #expect(Timestamp.iso8601(date) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.parseISO8601("1969-12-31T23:59:59.999Z") == date)
    }

    @Test func parsesZonesAndFractions() {
        let expected = Timestamp.date(milliseconds: 1_795_444_200_000) // 2026-11-23T14:30:00Z
        #expect(Timestamp.parseISO8601("2026-11-23T14:30:00Z") == expected)
        #expect(Timestamp.parseISO8601("2026-11-23T15:30:00+01:00") == expected)
        #expect(Timestamp.parseISO8601("2026-11-23T14:30:00.000Z") == expected)
        #expect(Timestamp.parseISO8601("2026-11-23T14:30:00.007Z") == expected.addingTimeInterval(0.007))
        #expect(Timestamp.parseISO8601("2026-11-23T14:30", timeZone: utc) == expected)
        #expect(Timestamp.parseISO8601("2026-11-23 15:30", timeZone: berlin) == expected)
        #expect(Timestamp.parseISO8601("23/11/2026 14:30") == nil)
        #expect(Timestamp.parseISO8601("") == nil)
    }
}
