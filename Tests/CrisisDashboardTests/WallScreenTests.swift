import CrisisDashboard
import Foundation
import IncidentModel
import Testing

/// The commander's wall screen (`--read-only --big`, issue 11): what the room steers by in letters readable
/// across it, the newest entries of both channels below, and nothing meant for someone at the keyboard.
@Suite struct WallScreenTests {
    /// Forty minutes in: the 09:30 promise was kept late, D1 slipped, D2 is overdue, the channels are busy.
    static func busyLog() -> Fixture.Log {
        var log = Fixture.quietLog()
        log.add(12, "ana", .note(text: "eu-db-2 replication lag 48 s and climbing; writes queue behind it"))
        log.add(14, "ana", .deadlineSet(text: "fail over eu-db-2 to the standby", dueAt: log.at(35), owner: "omar"))
        log.add(16, "marc", .impact(text: "about 30% of EU checkouts fail; the app is affected as well as the web"))
        log.add(18, "omar", .note(text: "standby is 3 s behind; promoting it needs a write freeze of about two minutes"))
        log.add(24, "ana", .deadlineSlipped(deadline: 1, dueAt: log.at(45), reason: "replica still catching up"))
        log.add(27, "omar", .note(text: "write freeze announced in #ops; traffic to eu-west drained to 20%"))
        log.add(34, "marc", .briefing(text: "We have moved most EU traffic to a healthy region; some checkouts still fail.",
                                      nextUpdateAt: log.at(50), reason: "the database failover finishes by then"))
        log.add(36, "ana", .note(text: "failover started; new primary accepting writes in eu-west"))
        log.add(38, "omar", .note(text: "error rate down from 31% to 4%; watching the queue drain"))
        return log
    }

    /// Whether `text` is on the grid in big letters at `scale`: all its rows, one under another.
    private func showsBig(_ text: String, in grid: Grid, at scale: BigText.Scale = .small) -> Bool {
        let rows = BigText.rows(text, at: scale)
        let lines = grid.lines
        for y in lines.indices where y + rows.count <= lines.count {
            guard let range = lines[y].range(of: rows[0]) else { continue }
            let column = lines[y].distance(from: lines[y].startIndex, to: range.lowerBound)
            let matches = rows.indices.allSatisfy { offset in
                let line = Array(lines[y + offset])
                let row = Array(rows[offset])
                return column + row.count <= line.count && Array(line[column..<(column + row.count)]) == row
            }
            if matches { return true }
        }
        return false
    }

    private func expectBig(_ text: String, in grid: Grid, at scale: BigText.Scale = .small, _ comment: Comment? = nil,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let found = showsBig(text, in: grid, at: scale)
        #expect(found, "\(text) in big letters: \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
    }

    @Test func wallAt200x60ShowsWhatTheRoomSteersByInBigLetters() throws {
        let state = try Fixture.state(Self.busyLog(), minute: 40, width: 200, height: 60, readOnly: true, big: true)
        let grid = Fixture.render(state)
        try assertSnapshot(grid, named: "wall-200x60")
        expectBig("SEV1 INVESTIGATING", in: grid, "severity and status")
        expectBig("OWNER DANA REYES", in: grid, "the owner")
        expectBig("PHONE +1 555 0100", in: grid, "their phone")
        expectBig("ON TIME 1/2  SLIPS 1", in: grid, "the record of promises")
        expectBig("D2 OVERDUE +05:00", in: grid, "the overdue deadline")
        expectBig("10:00", in: grid, at: .large, "the next update's countdown, largest of all")
        let text = grid.lines.joined(separator: "\n")
        #expect(!text.contains("as tester"), "a wall posts nothing, so who it runs as is noise")
        #expect(!text.contains("PgUp") && !text.contains("? help"), "no keyboard hints on a wall")
        // The newest entries of both channels fill the rest, down to the strip.
        #expect(text.contains("error rate down from 31% to 4%"))
        #expect(text.contains("We have moved most EU traffic"))
        let strip = try #require(grid.lines.lastIndex { $0.contains("open question") })
        #expect(strip == grid.height - 1, "the strip sits on the last row")
    }

    @Test func wallDegradesAt120x40AndFallsBackBelowIt() throws {
        let middle = Fixture.render(try Fixture.state(Self.busyLog(), minute: 40, width: 120, height: 40,
                                                      readOnly: true, big: true))
        try assertSnapshot(middle, named: "wall-120x40")
        expectBig("10:00", in: middle, at: .medium, "the countdown is still the largest thing")
        let text = middle.lines.joined(separator: "\n")
        for essential in ["SEV1", "INVESTIGATING", "Dana Reyes".uppercased(), "+1 555 0100", "D2"] {
            let shown = text.contains(essential) || showsBig(essential, in: middle)
            #expect(shown, "\(essential) is on the 120x40 wall")
        }
        #expect(text.contains("error rate down from 31% to 4%"), "entries keep their rows")

        let small = Fixture.render(try Fixture.state(Self.busyLog(), minute: 40, width: 80, height: 24,
                                                     readOnly: true, big: true))
        try assertSnapshot(small, named: "wall-80x24")
        let smallText = small.lines.joined(separator: "\n")
        #expect(smallText.contains("Dana Reyes") && smallText.contains("NEXT UPDATE"))
        #expect(!smallText.contains("as tester"))
    }

    @Test func wallSaysResolvedInBigLettersInsteadOfCounting() throws {
        var log = Self.busyLog()
        log.add(42, "dana", .status(.resolved))
        let state = try Fixture.state(log, minute: 55, width: 200, height: 60, readOnly: true, big: true)
        let grid = Fixture.render(state)
        try assertSnapshot(grid, named: "wall-resolved-200x60")
        expectBig("RESOLVED 09:42", in: grid, at: .small)
        expectBig("NO UPDATE OWED", in: grid, at: .small)
        #expect(!grid.lines.joined().contains("OVERDUE +05"), "the 09:50 promise ended with the resolution")
    }

    @Test func wallSaysClosedInBigLetters() throws {
        var log = Self.busyLog()
        log.add(42, "dana", .status(.resolved))
        log.add(50, "marc", .confirmed(by: "Jo at Northwind", note: "card payments are fine"))
        log.add(72, "dana", .closed(unconfirmedReason: nil))
        let grid = Fixture.render(try Fixture.state(log, minute: 95, width: 200, height: 60, readOnly: true, big: true))
        expectBig("CLOSED 10:12", in: grid, at: .small)
        expectBig("NOTHING OWED", in: grid, at: .small)
        #expect(grid.lines[0].contains("closed after 1h12m"))
    }

    @Test func bigLettersCoverWhatTheWallWrites() {
        for text in ["ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789", "+-:/·.,()!?'%&#=<>@_", "José Müller", "a…b—c"] {
            #expect(BigText.canDraw(text), "\(text)")
        }
        #expect(!BigText.canDraw("李雷"), "no glyphs for CJK: the board writes such a name in ordinary text")
        #expect(BigText.rows("A", at: .small) == ["▄▀▀▀▄", "█▄▄▄█", "█   █", "▀   ▀"])
        #expect(BigText.width(of: "AB", at: .small) == 11)
        #expect(BigText.rows("1", at: .large).count == 11)
        #expect(BigText.rows("1", at: .large).allSatisfy { $0.count == 15 })
    }

    @Test func ownerNamesWithoutGlyphsStayReadable() throws {
        var log = Self.busyLog()
        log.add(39, "dana", .owner(name: "李雷", phone: "+86 10 5555 0100"))
        let grid = Fixture.render(try Fixture.state(log, minute: 40, width: 200, height: 60, readOnly: true, big: true))
        #expect(grid.lines.joined().contains("李雷"))
        expectBig("+86 10 5555 0100", in: grid)
    }
}
