import CrisisDashboard
import Foundation
import IncidentModel
import Testing

/// What a real incident found wrong with the dashboards (issue 11): a countdown past resolution, coach
/// findings cut off, header badges dropped in the wrong order, and things the account manager never saw.
@Suite struct Issue11DashboardTests {
    private func type(_ text: String, into state: inout DashboardState) {
        for character in text { _ = state.update(.key(.character(character))) }
    }

    /// The quiet log, resolved at 09:20 with no briefing after it.
    private func resolvedLog() -> Fixture.Log {
        var log = Fixture.quietLog()
        log.add(20, "dana", .status(.resolved))
        return log
    }

    // MARK: Bug 1: nothing owed, nothing counted

    @Test func resolvedSaysSoInsteadOfCountingAt80x24And120x40() throws {
        // The 09:30 promise would be 25 minutes overdue at 09:55.
        let small = Fixture.render(try Fixture.state(resolvedLog(), minute: 55, focus: .business))
        try assertSnapshot(small, named: "resolved-80x24")
        let text = small.lines.joined(separator: "\n")
        #expect(!text.contains("OVERDUE +25:00"), "no overdue countdown after resolution")
        #expect(text.contains("NEXT UPDATE: none owed") && text.contains("RESOLVED 09:20"))
        #expect(text.contains("no further updates promised"))
        let place = try #require(locate("RESOLVED 09:20", in: small))
        #expect(small[place.x, place.y].style.role == .countdown, "calm, not alarm")

        let wide = Fixture.render(try Fixture.state(resolvedLog(), minute: 55, width: 120, height: 40))
        try assertSnapshot(wide, named: "resolved-120x40")
        #expect(!wide.lines.joined().contains("OVERDUE +25:00"))
    }

    @Test func aBriefingAfterResolutionCountsAgain() throws {
        var log = resolvedLog()
        log.add(22, "marc", .briefing(text: "Fixed; we watch it for an hour", nextUpdateAt: log.at(80), reason: "an hour of clean traffic"))
        let grid = Fixture.render(try Fixture.state(log, minute: 55))
        #expect(grid.lines.contains { $0.contains("NEXT UPDATE") && $0.contains("25:00") })
    }

    @Test func closedSaysClosedAndHowLongItRan() throws {
        var log = resolvedLog()
        log.add(30, "dana", .closed(unconfirmedReason: "customer unreachable"))
        let grid = Fixture.render(try Fixture.state(log, minute: 90, width: 120, height: 40))
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("CLOSED 09:30") && text.contains("no further updates owed · closed after 30m"))
        #expect(grid.lines[0].contains("closed after 30m"))
    }

    @Test func bigCountdownSaysResolvedInBlockLetters() throws {
        // 200x60 without --big: the auto-big countdown, not the wall.
        let grid = Fixture.render(try Fixture.state(resolvedLog(), minute: 55, width: 200, height: 60))
        try assertSnapshot(grid, named: "resolved-200x60")
        let rows = BigText.rows("RESOLVED 09:20", at: .small)
        #expect(grid.lines.contains { $0.contains(rows[1]) })
        #expect(!grid.lines.joined().contains("OVERDUE +25:00"))
    }

    // MARK: Bug 3: every coach finding

    @Test func everyCoachFindingShowsAt80Columns() throws {
        var state = try Fixture.state(Fixture.quietLog(), minute: 10, focus: .business)
        type("I think it is not our fault", into: &state)
        let status = try #require(Fixture.render(state).trimmedLines.last)
        #expect(status.contains("hedging"), "\(status)")
        #expect(status.contains("blame") || status.contains("(+1 more)"), "\(status)")
        #expect(DisplayWidth.of(status) <= 80)
    }

    @Test func coachLineSharesTheWidthOrCounts() {
        let findings = BriefingCoach().review("I think it is not our fault, see the stack trace", committedTime: true, reason: nil)
        #expect(findings.count == 4)
        let wide = StatusLine.coachLine(findings, width: 120)
        for word in ["hedging", "the briefing places", "technical detail", "the next-update time"] {
            #expect(wide.contains(word), "\(word) in \(wide)")
        }
        let narrow = StatusLine.coachLine(findings, width: 40)
        #expect(narrow.contains("more)"), "\(narrow)")
        #expect(DisplayWidth.of(narrow) <= 40)
    }

    // MARK: Bug 7: badges give way by importance

    @Test func headerKeepsTheRecordAndDropsWhoIAmFirst() throws {
        var log = Fixture.quietLog()
        log.add(34, "marc", .briefing(text: "Traffic moved", nextUpdateAt: log.at(60), reason: "monitoring"))
        log.add(35, "ana", .deadlineSlipped(deadline: 1, dueAt: log.at(45), reason: "replica catching up"))
        // Technical channel quiet since 09:35: 18 minutes at 09:53.
        let state = try DashboardState(log: log.events, now: log.at(53), timeZone: Fixture.utc, width: 80, height: 24,
                                       options: DashboardOptions(author: "root"))
        let owner = Fixture.render(state).trimmedLines[1]
        try assertSnapshot(Fixture.render(state), named: "badges-80x24")
        #expect(!owner.contains("as root"), "\(owner)")
        #expect(owner.contains("on time 1/2"), "\(owner)")
        #expect(owner.contains("slips 1"), "\(owner)")
        #expect(owner.contains("quiet 18m"), "\(owner)")

        var wide = state
        _ = wide.update(.resize(width: 120, height: 40))
        let wideOwner = Fixture.render(wide).trimmedLines[1]
        #expect(wideOwner.contains("slips 1") && wideOwner.contains("updates on time 1/2"), "\(wideOwner)")
        #expect(wideOwner.contains("⚑ technical channel quiet 18m"), "\(wideOwner)")
    }

    // MARK: Smaller items

    @Test func aBriefingWithNoReasonDrawsTheCoachsFinding() throws {
        var state = try Fixture.state(Fixture.quietLog(), minute: 10, focus: .business)
        type("We have moved EU traffic to a healthy region", into: &state)
        _ = state.update(.key(.enter))
        _ = state.update(.key(.enter)) // keeps the cadence; now it asks why
        let asking = try #require(Fixture.render(state).trimmedLines.last)
        #expect(asking.contains("coach:") && asking.contains("reason"), "\(asking)")
        type("the failover finishes by then", into: &state)
        #expect(Fixture.render(state).trimmedLines.last?.contains("coach:") == false)

        // A /brief line typed whole, with --next and no --why, gets the same finding.
        var line = try Fixture.state(Fixture.quietLog(), minute: 10)
        type("/brief \"We moved traffic\" --next 20m", into: &line)
        let status = try #require(Fixture.render(line).trimmedLines.last)
        #expect(status.contains("coach:") && status.contains("reason"), "\(status)")
    }

    @Test func workaroundsShowBesideTheBriefings() throws {
        let state = try Fixture.state(Fixture.quietLog(), minute: 12, width: 120, height: 40)
        #expect(state.entries(of: .business).contains { $0.kind == .workaround })
        let grid = Fixture.render(state)
        let business = DashboardLayout(state).business
        let shown = grid.lines[business.y..<business.maxY].contains { line in
            String(line.dropFirst(business.x)).contains("W1 workaround: pay through")
        }
        #expect(shown)
    }

    @Test func dueFollowUpsShowOnTheDashboard() throws {
        var log = resolvedLog()
        log.add(25, "marc", .followUp(dueAt: log.at(60), text: "call Northwind with the root cause"))
        let before = Fixture.render(try Fixture.state(log, minute: 40, width: 120, height: 40)).lines.joined()
        #expect(before.contains("1 follow-up F1 due 10:00 cal"), "\(before)")
        let due = Fixture.render(try Fixture.state(log, minute: 70, width: 120, height: 40))
        let strip = due.height - 3
        let label = try #require(due.lines[strip].range(of: "1 follow-up due"))
        let x = due.lines[strip].distance(from: due.lines[strip].startIndex, to: label.lowerBound)
        #expect(due[x, strip].style.role == .warning)
    }

    @Test func aDeadlineMetLateIsMarkedLate() throws {
        var log = Fixture.quietLog()
        log.add(31, "ana", .deadlineMet(deadline: 1, note: "lag confirmed"))
        let grid = Fixture.render(try Fixture.state(log, minute: 33))
        try assertSnapshot(grid, named: "met-late-80x24")
        let place = try #require(locate("7 min LATE", in: grid))
        #expect(grid[place.x, place.y].style.role == .warning)
        #expect(grid.lines[4].contains("D1 met 09:31"), "\(grid.lines[4])")
    }
}
