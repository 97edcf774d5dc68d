import CrisisDashboard
import Foundation
import IncidentModel
import Testing

/// The whole screen at the sizes people use (80x24, a 40x12 corner, a 200x60 wall screen, and too small)
/// in the states that matter: quiet, overdue, many entries, wide characters.
@Suite struct SnapshotTests {
    @Test func quietAt80x24() throws {
        try assertSnapshot(Fixture.render(try Fixture.state(Fixture.quietLog(), minute: 12)), named: "quiet-80x24")
    }

    @Test func quietAt40x12KeepsTheEssentials() throws {
        let grid = Fixture.render(try Fixture.state(Fixture.quietLog(), minute: 12, width: 40, height: 12))
        try assertSnapshot(grid, named: "quiet-40x12")
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("18:00"), "the countdown")
        #expect(text.contains("Dana Reyes"), "the owner")
        #expect(text.contains("09:07 ana W1 workaround"), "the newest entry")
        #expect(text.contains("note›"), "the composer")
    }

    @Test func quietAt200x60DrawsBlockDigits() throws {
        let state = try Fixture.state(Fixture.quietLog(), minute: 12, width: 200, height: 60)
        let grid = Fixture.render(state)
        try assertSnapshot(grid, named: "quiet-200x60")
        #expect(DashboardLayout(state).bigCountdown)
        #expect(grid.lines.contains { $0.contains("██████") })
    }

    @Test func readOnlyBigAt100x30() throws {
        let state = try Fixture.state(Fixture.quietLog(), minute: 12, width: 100, height: 30, readOnly: true, big: true)
        let grid = Fixture.render(state)
        try assertSnapshot(grid, named: "readonly-big-100x30")
        #expect(!grid.lines.joined().contains("note›"), "no composer on the wall screen")
    }

    @Test func belowMinimumSaysTooSmall() throws {
        let grid = Fixture.render(try Fixture.state(Fixture.quietLog(), minute: 12, width: 39, height: 11))
        try assertSnapshot(grid, named: "too-small-39x11")
        #expect(grid.lines.contains { $0.contains("terminal too small") })
    }

    @Test func tinyTerminalsNeverCrash() throws {
        for (width, height) in [(0, 0), (1, 1), (5, 2), (12, 3), (40, 11), (39, 12)] {
            let grid = Fixture.render(try Fixture.state(Fixture.quietLog(), minute: 12, width: width, height: height))
            #expect(grid.width == width && grid.height == height)
        }
    }

    @Test func overdueCountsUpInTheAlarmColour() throws {
        // The briefing promised 09:30; at 09:34:12 the update is four minutes twelve late.
        let state = try Fixture.state(Fixture.quietLog(), minute: 34.2, focus: .business)
        let grid = Fixture.render(state)
        try assertSnapshot(grid, named: "overdue-80x24")
        let place = try #require(locate("OVERDUE +04:12", in: grid))
        #expect(grid[place.x, place.y].style.role == .alarm)
        // The deadline due at 09:24 is overdue too, in the same alarm style.
        let deadline = try #require(locate("OVERDUE +10:12", in: grid))
        #expect(grid[deadline.x, deadline.y].style.role == .alarm)
    }

    @Test func lastFiveMinutesAreAWarning() throws {
        let grid = Fixture.render(try Fixture.state(Fixture.quietLog(), minute: 26))
        let place = try #require(locate("04:00", in: grid))
        #expect(grid[place.x, place.y].style.role == .warning)
    }

    @Test func manyEntriesShowTheNewestAt80x24And40x12() throws {
        var log = Fixture.quietLog()
        for index in 1...60 {
            log.add(8 + Double(index) / 4, index.isMultiple(of: 3) ? "marc" : "ana",
                    index.isMultiple(of: 3) ? .impact(text: "impact update \(index): orders still failing in the EU")
                        : .note(text: "note \(index): checked another shard, replication lag still \(40 + index) s and the error rate follows it closely"))
        }
        try assertSnapshot(Fixture.render(try Fixture.state(log, minute: 25)), named: "many-80x24")
        let small = Fixture.render(try Fixture.state(log, minute: 25, width: 40, height: 12))
        try assertSnapshot(small, named: "many-40x12")
    }

    @Test func wideCharactersKeepTheirCells() throws {
        var log = Fixture.quietLog()
        log.add(8, "李雷", .note(text: "数据库复制延迟 45 秒，正在回滚配置 🚀 done"))
        log.add(9, "marc", .briefing(text: "お客様へ：決済が失敗しています 🙏", nextUpdateAt: log.at(40), reason: "ロールバック確認"))
        log.add(10, "ana", .note(text: "emoji 👩‍💻 and a flag 🇪🇺 inside a long sentence that has to wrap at the pane edge"))
        let state = try Fixture.state(log, minute: 12)
        let grid = Fixture.render(state)
        try assertSnapshot(grid, named: "wide-80x24")
        for y in 0..<grid.height {
            var width = 0
            for x in 0..<grid.width where !grid[x, y].isContinuation {
                width += max(1, DisplayWidth.of(grid[x, y].text))
            }
            #expect(width == grid.width, "row \(y) takes exactly the terminal's width")
        }
    }

    @Test func controlCharactersNeverReachTheGrid() throws {
        var log = Fixture.quietLog()
        log.add(8, "mallory\u{1B}[2J", .note(text: "evil \u{1B}]0;title\u{07} text \u{202E}reversed"))
        let grid = Fixture.render(try Fixture.state(log, minute: 9))
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                #expect(!grid[x, y].text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
            }
        }
        #expect(grid.lines.contains { $0.contains("␛]0;title␇") })
    }
}
