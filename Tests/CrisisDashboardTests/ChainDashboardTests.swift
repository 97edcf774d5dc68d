import CrisisDashboard
import CrisisTestSupport
import Foundation
import IncidentModel
import IncidentStore
import Testing

/// The dashboard checks the hash chain of what it shows, and says so on every screen when it breaks; `/who`
/// shows who wrote each entry as the store recorded them.
@Suite struct ChainDashboardTests {
    @Test func aBrokenChainIsARedRowUnderTheHeader() throws {
        var state = try Fixture.state(Fixture.quietLog(), minute: 12)
        #expect(!Fixture.render(state).lines.joined().contains("LOG REWRITTEN"))
        _ = state.update(.chainBroken(ChainBreak(sequence: 4, problem: "event 4 was changed after it was written")))
        let lines = Fixture.render(state).lines
        let banner = try #require(lines.firstIndex { $0.contains("LOG REWRITTEN") })
        #expect(banner == 2, "right under the two-row header:\n\(lines.joined(separator: "\n"))")
        #expect(lines[banner].contains("INC-7 event 4: event 4 was changed after it was written"))
        // A wall shows it too.
        var wall = try Fixture.state(Fixture.quietLog(), minute: 12, width: 200, height: 60, readOnly: true, big: true)
        _ = wall.update(.chainBroken(ChainBreak(sequence: 4, problem: "event 4 was changed after it was written")))
        #expect(Fixture.render(wall).lines.contains { $0.contains("LOG REWRITTEN  INC-7 event 4") })
    }

    @Test func whoShowsTheIdentityBesideTheName() throws {
        var log = Fixture.quietLog()
        log.add(8, "ana", .note(text: "written from another account"))
        var events = log.events
        let last = events.removeLast()
        events.append(Event(incident: last.incident, sequence: last.sequence, recordedAt: last.recordedAt,
                            author: last.author, payload: last.payload, identity: "mallory"))
        var state = try DashboardState(log: events, now: log.at(12), timeZone: Fixture.utc, width: 120, height: 40,
                                       options: DashboardOptions(readOnly: false, big: false, author: "tester"), focus: .technical)
        #expect(!Fixture.render(state).lines.joined().contains("[mallory]"))
        for character in "/who" { _ = state.update(.key(.character(character))) }
        _ = state.update(.key(.enter))
        let screen = Fixture.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("ana [mallory]") && screen.contains("ana [?]"), "\(screen)")
        #expect(screen.contains("showing who wrote each entry"))
        var wall = try DashboardState(log: events, now: log.at(12), timeZone: Fixture.utc, width: 120, height: 40,
                                      options: DashboardOptions(readOnly: true, big: false, author: "wall"), focus: .technical)
        _ = wall.update(.key(.character("w")))
        #expect(Fixture.render(wall).lines.joined().contains("ana [mallory]"))
    }
}

/// The real binary on a log rewritten behind its back: the wall opens on it and says so.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed: apt-get install tmux"))
struct ChainDashboardEndToEndTests {
    @Test func aWallOpenedOnARewrittenLogSaysSo() throws {
        let world = try World()
        defer { world.tearDown() }
        try world.crisis(["open", "Checkout fails for EU", "--severity", "1", "--customer", "Northwind"])
        try world.crisis(["note", "--as", "ana", "replica lag is 40s"])
        try world.crisis(["note", "--as", "ana", "failing over to eu-db-3"])
        let database = world.directory.appendingPathComponent("crisis.db").path
        try SQLiteShell.run(database, "DROP TRIGGER event_no_update; UPDATE event SET author = 'bo' WHERE seq = 2;")
        let tmux = try Tmux(width: 200, height: 60, environment: world.environment)
        defer { tmux.kill() }
        try tmux.startShell(width: 200, height: 60, prompt: "wall$ ")
        try tmux.type("\(world.binary.path) dashboard --read-only --big --as wall", enter: true)
        try tmux.waitFor("the red banner") { $0.contains("LOG REWRITTEN  INC-1 event 2: event 2 was changed after it was written") }
        try tmux.type("w")
        try tmux.waitFor("identities") { $0.contains("bo [") && $0.contains("ana [") }
        try tmux.type("q")
        try tmux.waitFor("the shell") { $0.contains("wall$") && !$0.contains("LOG REWRITTEN") }
    }
}
