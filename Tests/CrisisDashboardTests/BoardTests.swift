import CrisisDashboard
import Foundation
import IncidentModel
import Testing

/// Open incidents for the board, at fixed moments: one overdue, one in its last five minutes (amber), a SEV1
/// without an owner, a resolved one that owes nothing, and one whose title tries to drive the terminal.
enum BoardFixture {
    static let now = Fixture.opened.addingTimeInterval(60 * 60) // 10:00Z

    static func digest(_ number: Int, _ title: String, _ severity: Severity, customer: String?, cadenceMinutes: Double,
                       openedMinute: Double, _ more: [(Double, EventPayload)] = []) throws -> IncidentDigest {
        let id = IncidentID(number)
        let at = { (minute: Double) in Fixture.opened.addingTimeInterval(minute * 60) }
        var events = [Event(incident: id, sequence: 1, recordedAt: at(openedMinute), author: "ic",
                            payload: .opened(title: title, severity: severity, customer: customer, cadence: cadenceMinutes * 60))]
        for (minute, payload) in more {
            events.append(Event(incident: id, sequence: events.count + 1, recordedAt: at(minute), author: "ana", payload: payload))
        }
        return try IncidentDigest(events: events)
    }

    static func incidents() throws -> [IncidentDigest] {
        let at = { (minute: Double) in Fixture.opened.addingTimeInterval(minute * 60) }
        return [
            try digest(12, "Checkout fails for EU shoppers", .sev1, customer: "Northwind Retail", cadenceMinutes: 15, openedMinute: 0, [
                (1, .owner(name: "Dana Reyes", phone: "+1 555 0100")),
                (2, .role(.comms, name: "Marc Weber", phone: nil)),
                (5, .briefing(text: "We are moving traffic.", nextUpdateAt: at(55), reason: "verify")),
                (20, .deadlineSet(text: "check lag", dueAt: at(70), owner: "ana")),
                (50, .note(text: "lag is 4s")),
            ]),
            try digest(14, "Search is slow", .sev3, customer: "Globex", cadenceMinutes: 60, openedMinute: 3, [
                (10, .briefing(text: "Search is slow.", nextUpdateAt: at(63), reason: "after the reindex")),
                (40, .deadlineSet(text: "reindex done", dueAt: at(50), owner: nil)),
            ]),
            try digest(15, "Payments time out", .sev1, customer: "Initech", cadenceMinutes: 30, openedMinute: 40),
            try digest(16, "Evil \u{1B}[31mRED\u{1B}[0m title \u{07} with a bell and ＷＩＤＥ letters", .sev2, customer: "Umbrella",
                       cadenceMinutes: 30, openedMinute: 45, [(46, .owner(name: "Bo", phone: "+1 555 0102"))]),
            try digest(17, "Login loop on SSO", .sev2, customer: "Northwind Retail", cadenceMinutes: 30, openedMinute: 10, [
                (11, .owner(name: "Cy", phone: "+1 555 0103")), (30, .status(.resolved)),
            ]),
        ]
    }

    static func state(width: Int, height: Int, big: Bool = false, readOnly: Bool = false) throws -> BoardState {
        var state = BoardState(now: now, timeZone: Fixture.utc, width: width, height: height,
                               options: BoardOptions(readOnly: readOnly, big: big))
        _ = state.update(.incidents(try incidents()))
        return state
    }

    static func render(_ state: BoardState) -> Grid { BoardView(display: Fixture.display).render(state) }
}

@Suite struct BoardViewTests {
    @Test(arguments: [(80, 24), (120, 40), (240, 70)])
    func theBoardAtTheSizesPeopleUse(size: (Int, Int)) throws {
        let grid = BoardFixture.render(try BoardFixture.state(width: size.0, height: size.1, big: size.0 >= 200))
        try assertSnapshot(grid, named: "board-\(size.0)x\(size.1)")
        let text = grid.lines.joined(separator: "\n")
        // Most urgent first: the broken promise, the amber one, then the rest by when they are due.
        let order = ["INC-12", "INC-14", "INC-15", "INC-16", "INC-17"].map { id in grid.lines.firstIndex { $0.contains(" \(id) ") } ?? -1 }
        #expect(order == order.sorted() && !order.contains(-1), "rows most urgent first: \(order)")
        #expect(text.contains("OVERDUE +05:00"))
        #expect(text.contains("NO OWNER"))
        #expect(text.contains("resolved"))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"), "a hostile title reaches no terminal as control codes")
    }

    @Test func countdownsAndOwnersAreColouredAsOnTheDashboard() throws {
        let grid = BoardFixture.render(try BoardFixture.state(width: 120, height: 40))
        let overdue = try #require(locate("OVERDUE +05:00", in: grid))
        #expect(grid[overdue.x, overdue.y].style.role == .alarm)
        let amber = try #require(locate("03:00", in: grid))
        #expect(grid[amber.x, amber.y].style.role == .warning)
        let noOwner = try #require(locate("NO OWNER", in: grid))
        #expect(grid[noOwner.x, noOwner.y].style.role == .alarm)
        let lateDeadline = try #require(locate("D1 +10:00", in: grid), "the reindex deadline, ten minutes late")
        #expect(grid[lateDeadline.x, lateDeadline.y].style.role == .alarm)
    }

    @Test func theWallShowsTheMostUrgentCountdownInBlockDigits() throws {
        let grid = BoardFixture.render(try BoardFixture.state(width: 200, height: 60, big: true, readOnly: true))
        #expect(grid.lines.contains { $0.contains("██████") })
        #expect(grid.lines.contains { $0.contains("INC-12 · SEV1 · Northwind Retail · next update") })
        #expect(grid.lines[0].contains("read-only"))
    }

    @Test func moreIncidentsThanRowsScrollWithTheChosenOneAndSaySo() throws {
        var state = BoardState(now: BoardFixture.now, timeZone: Fixture.utc, width: 80, height: 12, options: BoardOptions())
        _ = state.update(.incidents(try (1...30).map { number in
            try BoardFixture.digest(number, "Fire \(number)", .sev3, customer: "Acme", cadenceMinutes: Double(number), openedMinute: 59)
        }))
        var lines = BoardFixture.render(state).lines
        #expect(lines.contains { $0.contains(" INC-1 ") } && !lines.contains { $0.contains(" INC-30 ") })
        #expect(lines.contains { $0.contains("22 more ↓") }, "\(lines.joined(separator: "\n"))")
        _ = state.update(.key(.end))
        lines = BoardFixture.render(state).lines
        #expect(lines.contains { $0.contains("▶") && $0.contains(" INC-30 ") })
        #expect(lines.contains { $0.contains("↑ 22 more") } && !lines.contains { $0.contains("more ↓") })
    }

    @Test func longIdsAreNeverCut() throws {
        var state = BoardState(now: BoardFixture.now, timeZone: Fixture.utc, width: 80, height: 24, options: BoardOptions())
        _ = state.update(.incidents([
            try BoardFixture.digest(123_456, "Checkout", .sev1, customer: "Acme", cadenceMinutes: 20, openedMinute: 50),
            try BoardFixture.digest(7, "Search", .sev3, customer: "Globex", cadenceMinutes: 60, openedMinute: 50),
        ]))
        let lines = BoardFixture.render(state).lines
        #expect(lines.contains { $0.contains(" INC-123456 ") })
        #expect(lines.contains { $0.contains(" INC-7 ") })
    }

    @Test func aTerminalTooSmallSaysSoPlainly() throws {
        let grid = BoardFixture.render(try BoardFixture.state(width: 59, height: 10))
        try assertSnapshot(grid, named: "board-too-small-59x10")
        #expect(grid.lines.contains { $0.contains("terminal too small for the board") })
        for (width, height) in [(0, 0), (1, 1), (60, 10), (300, 90)] {
            let grid = BoardFixture.render(try BoardFixture.state(width: width, height: height, big: true))
            #expect(grid.width == width && grid.height == height)
        }
    }

    @Test func anEmptyBoardSaysWhyAndHowToOpenOne() throws {
        var state = BoardState(now: BoardFixture.now, timeZone: Fixture.utc, width: 80, height: 24, options: BoardOptions())
        #expect(BoardFixture.render(state).lines.contains { $0.contains("reading the open incidents") })
        _ = state.update(.incidents([]))
        #expect(BoardFixture.render(state).lines.contains { $0.contains("no open incidents") })
        _ = state.update(.incidents(try BoardFixture.incidents()))
        _ = state.update(.key(.character("/")))
        for character in "filter nobody" { _ = state.update(.key(.character(character))) }
        _ = state.update(.key(.enter))
        #expect(BoardFixture.render(state).lines.contains { $0.contains("no open incident matches the filter (nobody)") })
    }
}

@Suite struct BoardUpdateTests {
    private func typed(_ state: inout BoardState, _ text: String) -> [BoardEffect] {
        _ = state.update(.key(.character("/")))
        for character in text { _ = state.update(.key(.character(character))) }
        return state.update(.key(.enter))
    }

    @Test func arrowsAndEnterOpenTheChosenIncident() throws {
        var state = try BoardFixture.state(width: 120, height: 40)
        #expect(state.update(.key(.enter)) == [.open(IncidentID(12))])
        _ = state.update(.key(.down))
        _ = state.update(.key(.character("j")))
        #expect(state.update(.key(.enter)) == [.open(IncidentID(15))])
        _ = state.update(.key(.character("k")))
        #expect(state.update(.key(.enter)) == [.open(IncidentID(14))])
        _ = state.update(.key(.end))
        #expect(state.update(.key(.enter)) == [.open(IncidentID(17))])
        #expect(state.update(.key(.character("4"))) == [.open(IncidentID(16))])
        #expect(state.update(.key(.character("9"))).isEmpty)
        #expect(state.status?.kind == .error)
    }

    @Test func theChosenIncidentStaysChosenAsRowsMoveAndItsNeighbourTakesOverWhenItCloses() throws {
        var state = try BoardFixture.state(width: 120, height: 40)
        _ = state.update(.key(.down)) // INC-14
        var incidents = try BoardFixture.incidents()
        // INC-16 is briefed with a near promise: it moves above INC-14.
        incidents[3] = try BoardFixture.digest(16, "Evil", .sev2, customer: "Umbrella", cadenceMinutes: 30, openedMinute: 45,
                                              [(59, .briefing(text: "x", nextUpdateAt: Fixture.opened.addingTimeInterval(61 * 60), reason: "r"))])
        _ = state.update(.incidents(incidents))
        #expect(state.selected == IncidentID(14))
        #expect(state.rows.map(\.id.number) == [12, 16, 14, 15, 17])
        // INC-14 closes elsewhere: the row that took its place is chosen, and the board says what happened.
        incidents.remove(at: 1)
        _ = state.update(.incidents(incidents))
        #expect(state.selected == IncidentID(15))
        #expect(state.status?.text.contains("closed: INC-14") == true)
        incidents.append(try BoardFixture.digest(20, "New fire", .sev1, customer: "Acme", cadenceMinutes: 10, openedMinute: 59))
        _ = state.update(.incidents(incidents))
        #expect(state.status?.text.contains("opened: INC-20 SEV1 New fire") == true)
    }

    @Test func slashCommandsOpenAnyIncidentAndFilter() throws {
        var state = try BoardFixture.state(width: 120, height: 40)
        #expect(typed(&state, "incident 3") == [.open(IncidentID(3))], "closed or not on the board, it opens")
        #expect(typed(&state, "incident INC-12") == [.open(IncidentID(12))])
        #expect(typed(&state, "incident twelve").isEmpty)
        #expect(state.status?.kind == .error)
        #expect(typed(&state, "filter Northwind sev1") == [.saveFilter(BoardFilter(customers: ["northwind"], severities: [1]))])
        #expect(state.rows.map(\.id.number) == [12],
                "a word of the name picks it: 'northwind' is 'Northwind Retail' (found in review: nothing matched)")
        #expect(typed(&state, "filter \"Northwind Retail\"") == [.saveFilter(BoardFilter(customers: ["northwind retail"]))])
        #expect(Set(state.rows.map(\.id.number)) == [12, 17], "quotes group a name of several words")
        _ = typed(&state, "filter north")
        #expect(state.rows.isEmpty, "whole words only: 'north' is not 'Northwind'")
        #expect(typed(&state, "filter globex sev<=3") == [.saveFilter(BoardFilter(customers: ["globex"], severities: [1, 2, 3]))])
        #expect(state.rows.map(\.id.number) == [14])
        #expect(state.hiddenCount == 4)
        #expect(typed(&state, "filter sev9").isEmpty)
        #expect(state.status?.text.contains("not a severity") == true)
        #expect(state.rows.map(\.id.number) == [14], "a bad filter changes nothing")
        #expect(typed(&state, "filter") == [.saveFilter(BoardFilter())])
        // "showing every open incident" goes after a while, and the key hints come back (found in review).
        #expect(state.status != nil)
        _ = state.update(.tick(state.now.addingTimeInterval(StatusMessage.lifetime)))
        #expect(state.status == nil)
        #expect(state.rows.count == 5)
        #expect(typed(&state, "frobnicate").isEmpty)
        #expect(state.status?.text.contains("not a board command") == true)
        #expect(typed(&state, "quit") == [.quit])
    }

    @Test func escapeLeavesThePromptAndLettersTypeIntoIt() throws {
        var state = try BoardFixture.state(width: 120, height: 40)
        _ = state.update(.key(.character("/")))
        #expect(state.update(.key(.character("q"))).isEmpty, "q types in the prompt")
        #expect(state.prompt?.text == "/q")
        _ = state.update(.key(.escape))
        #expect(state.prompt == nil)
        #expect(state.update(.key(.character("q"))) == [.quit])
        #expect(state.update(.key(.control("c"))) == [.quit])
    }
}

@Suite struct BoardFilterFileTests {
    @Test func aFilterIsKeptPerPersonAndAMissingOrBrokenFileIsNoFilter() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("board-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ana = try #require(BoardFilterFile(author: "ana/../x", environment: ["XDG_CONFIG_HOME": directory]))
        #expect(ana.path.hasPrefix(directory + "/crisis/board/") && !ana.path.contains("/../"))
        #expect(ana.load() == BoardFilter())
        let filter = BoardFilter(customers: ["acme"], severities: [1, 2])
        #expect(ana.save(filter) == nil)
        #expect(ana.load() == filter)
        let bo = try #require(BoardFilterFile(author: "bo", environment: ["HOME": directory]))
        #expect(bo.load() == BoardFilter())
        try Data("not json".utf8).write(to: URL(fileURLWithPath: ana.path))
        #expect(ana.load() == BoardFilter())
    }
}
