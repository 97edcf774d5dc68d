import Foundation
import Testing
@testable import IncidentModel

/// The SVG timeline: labelled status changes, deadlines drawn, promise bars stacked, ticks on round times.
@Suite struct DebriefTimelineChartTests {
    struct Mark {
        let x: Double, y: Double, width: Double
    }

    /// The rects of one class, as the chart drew them.
    private func rects(_ svg: String, class name: String) -> [Mark] {
        let pattern = "<rect x=\"([0-9.]+)\" y=\"([0-9.]+)\" width=\"([0-9.]+)\"[^>]*class=\"\(name)\""
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { match in
            func number(_ group: Int) -> Double { Double(svg[Range(match.range(at: group), in: svg)!])! }
            return Mark(x: number(1), y: number(2), width: number(3))
        }
    }

    private func texts(_ svg: String, class name: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "<text [^>]*class=\"\(name)\">([^<]*)</text>")
        return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map {
            String(svg[Range($0.range(at: 1), in: svg)!])
        }
    }

    private func chart(_ script: DebriefScript, now: Double = 200, timeZone: TimeZone = utc) throws -> String {
        DebriefTimelineChart(debrief: try script.debrief(now: now, timeZone: timeZone), display: TimeDisplay(timeZone: timeZone)).render()
    }

    @Test func overlappingPromiseBarsAreStacked() throws {
        let svg = try chart(.threeHourSEV1())
        let bars = rects(svg, class: "promise (kept|missed|overdue|pending)")
        #expect(bars.count == 5)
        #expect(Set(bars.map(\.y)).count >= 2, "overlapping promises share a row")
        for (i, a) in bars.enumerated() {
            for b in bars[(i + 1)...] where a.x < b.x + b.width && b.x < a.x + a.width {
                #expect(a.y != b.y, "bars at x \(a.x) and \(b.x) overlap on one row")
            }
        }
        // Promise 13:35→14:00 and promise 13:55→14:30 overlap: one above the other.
        #expect(bars[2].y != bars[3].y)
    }

    @Test func statusChangesClosureAndParkingAreLabelled() throws {
        let svg = try chart(.threeHourSEV1())
        #expect(texts(svg, class: "status-label") == ["investigating 13:00", "identified 13:40", "mitigated 14:20",
                                                       "resolved 15:30", "closed 15:50"])
        #expect(svg.contains("class=\"parked\""))
        #expect(svg.contains(">parked for the debrief</text>"), "the legend names the parking mark")
        #expect(svg.contains(">status change</text>"))
    }

    @Test func deadlinesAreDrawnWithSlipsAndOutcome() throws {
        let svg = try chart(.threeHourSEV1())
        #expect(rects(svg, class: "deadline late").count == 1)
        #expect(rects(svg, class: "deadline dropped").count == 1)
        #expect(svg.components(separatedBy: "class=\"slip\"").count - 1 == 1)
        #expect(svg.contains(">met 14:05, 5 min late · slipped 1×</text>"))
        #expect(svg.contains(">dropped 14:35</text>"))
        #expect(rects(svg, class: "lateness").count >= 1)
    }

    @Test func ticksFallOnRoundTimesForAThreeHourIncident() throws {
        let ticks = texts(try chart(.threeHourSEV1()), class: "tick")
        #expect(ticks.count >= 6 && ticks.count <= 12, "\(ticks)")
        #expect(ticks.allSatisfy { $0.hasSuffix(":00") || $0.hasSuffix(":30") || $0.hasSuffix(":15") || $0.hasSuffix(":45") }, "\(ticks)")
        #expect(ticks.first == "13:00" && ticks.contains("14:00") && ticks.contains("15:00"), "\(ticks)")
    }

    @Test func ticksFallOnRoundLocalTimesInAHalfHourZone() {
        let kolkata = TimeZone(identifier: "Asia/Kolkata")!
        let start = iso("2026-11-23T13:07:00Z")
        let axis = TimelineAxis(from: start, to: start.addingTimeInterval(5 * 3_600), timeZone: kolkata)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = kolkata
        #expect(axis.step == .minutes(30))
        #expect(axis.ticks.allSatisfy { calendar.component(.minute, from: $0) % 30 == 0 && calendar.component(.second, from: $0) == 0 })
        #expect(axis.ticks.first.map { $0 >= start && $0.timeIntervalSince(start) < 1_800 } == true)
    }

    @Test func aThreeDayIncidentIsTickedByHalfDaysAndLabelledWithTheDay() throws {
        var script = DebriefScript()
        script.add(30, .briefing(text: "on it", nextUpdateAt: script.at(3 * 1_440), reason: "long haul"))
        script.add(3 * 1_440 - 30, .status(.resolved))
        let svg = try chart(script, now: 3 * 1_440)
        let ticks = texts(svg, class: "tick")
        #expect(ticks.count >= 5 && ticks.count <= 12, "\(ticks)")
        #expect(ticks.allSatisfy { $0 == "00:00" || $0 == "12:00" }, "\(ticks)")
        #expect(svg.contains(">Tue Nov 24</text>") && svg.contains(">Wed Nov 25</text>"))

        let weeks = TimelineAxis(from: script.opened, to: script.at(20 * 1_440), timeZone: berlin)
        #expect(weeks.step == .days(2))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        #expect(weeks.ticks.allSatisfy { calendar.startOfDay(for: $0) == $0 })
    }

    @Test func theLegendUsesNoClassThatCountsAsAMark() throws {
        var script = DebriefScript()
        script.add(5, .note(text: "x"))
        let svg = try chart(script)
        #expect(!svg.contains("class=\"briefing\""))
        #expect(!svg.contains("class=\"promise kept\""))
    }
}
