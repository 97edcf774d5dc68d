import Foundation
import IncidentModel
import Testing

@Suite("DurationText")
struct DurationTextTests {
    @Test("accepted durations", arguments: [
        ("20m", 1200.0), ("1h30m", 5400), ("90s", 90), ("2h", 7200), ("1d", 86_400), ("1h0m", 3600),
        ("1d2h3m4s", 93_784), (" 20m ", 1200), ("1H30M", 5400), ("0h5m", 300), ("999999s", 999_999),
    ])
    func accepts(text: String, seconds: TimeInterval) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test("refused durations", arguments: [
        "0m", "0h0m", "30m1h", "1h1h", "abc", "", "   ", "-5m", "-1h", "20", "m", "1.5h", "20 m", "1h 30m",
        "20x", "1000000s", "+5m", "٣m", "5m-",
    ])
    func refuses(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func formats() {
        #expect(DurationText.format(1200) == "20m")
        #expect(DurationText.format(5400) == "1h30m")
        #expect(DurationText.format(90) == "1m30s")
        #expect(DurationText.format(7200) == "2h")
        #expect(DurationText.format(93_784) == "1d2h3m4s")
        #expect(DurationText.format(0) == "0s")
        #expect(DurationText.format(-60) == "0s")
        #expect(DurationText.format(44.6) == "45s")
    }

    @Test("format then parse gives the same seconds", arguments: [1.0, 59, 60, 61, 3599, 3600, 5400, 14_400, 86_401])
    func roundTrip(seconds: TimeInterval) {
        #expect(DurationText.parse(DurationText.format(seconds)) == seconds)
    }
}
