import Foundation
import Testing
import IncidentModel

@Suite struct ReadableDurationTests {
    @Test(arguments: [
        (0.0, "0 s"), (0.4, "0 s"), (45, "45 s"), (59.4, "59 s"),
        (60, "1 min"), (89, "1 min"), (90, "2 min"), (8 * 60, "8 min"), (59 * 60 + 29, "59 min"),
        (59 * 60 + 30, "1 h"), (3_600, "1 h"), (77 * 60, "1 h 17 min"), (90 * 60, "1 h 30 min"),
        (23 * 3_600 + 59 * 60, "23 h 59 min"), (24 * 3_600 - 20, "1 d"),
        (51 * 3_600, "2 d 3 h"), (51 * 3_600 + 29 * 60, "2 d 3 h"), (3 * 86_400, "3 d"), (400 * 86_400, "400 d"),
    ] as [(TimeInterval, String)])
    func readsAtAGlance(seconds: TimeInterval, expected: String) {
        #expect(ReadableDuration.format(seconds) == expected)
    }

    @Test func neverReadsAsNegative() {
        #expect(ReadableDuration.format(-30) == "0 s")
    }
}
