import CrisisDashboard
import Foundation
import IncidentModel
import IncidentSession
import Testing

/// What the dashboard adds on top of the channels: the store's connection and the outbox, the briefing
/// coach while a briefing is typed, and the record of promises and lapses in the header.
@Suite struct ConnectionAndDisciplineTests {
    private func type(_ text: String, into state: inout DashboardState) {
        for character in text { _ = state.update(.key(.character(character))) }
    }

    private func lines(_ state: DashboardState) -> [String] {
        Fixture.render(state).trimmedLines
    }

    @Test func offlineShowsSinceWhenAndWhatWaits() throws {
        var state = try Fixture.state(Fixture.quietLog(), minute: 10)
        _ = state.update(.connection(.offline(since: Fixture.quietLog().at(9), reason: "connection refused"), queued: 0))
        #expect(state.status?.kind == .error)
        _ = state.update(.queuedOffline(queued: 2))
        #expect(state.queued == 2)
        #expect(lines(state)[1].contains("OFFLINE since 09:09 · 2 queued"))
        // The countdown keeps going on what the dashboard has.
        _ = state.update(.tick(Fixture.quietLog().at(11)))
        #expect(lines(state).contains { $0.contains("NEXT UPDATE") && $0.contains("19:00") })

        _ = state.update(.connection(.online, queued: 0))
        #expect(state.connection == .online)
        #expect(state.status?.text == "back online: the outbox is sent")
        #expect(!lines(state)[1].contains("OFFLINE"))
    }

    /// A full server is not an outage: the header and the status line say it waits for a connection, and the
    /// reason follows the connection from "lost" to "full" while it stays away since the same minute.
    @Test func aFullServerIsShownAsWaitingForAConnection() throws {
        var state = try Fixture.state(Fixture.quietLog(), minute: 10, width: 140, height: 40)
        let since = Fixture.quietLog().at(9)
        _ = state.update(.connection(.offline(since: since, reason: "the connection was lost"), queued: 0))
        #expect(lines(state)[1].contains("OFFLINE since 09:09"))
        _ = state.update(.connection(.offline(since: since, reason: ConnectionState.serverFullReason), queued: 1))
        #expect(state.connection.isWaitingForConnectionSlot)
        #expect(lines(state)[1].contains("WAITING FOR A DB CONNECTION: SERVER FULL since 09:09 · 1 queued"), "\(lines(state)[1])")
        #expect(!lines(state)[1].contains("OFFLINE"))
        #expect(state.status?.text == "waiting for a database connection: the server is full; entries wait in the outbox, and it attaches once a connection is free")
        // On a narrow terminal the badge keeps its point.
        var narrow = try Fixture.state(Fixture.quietLog(), minute: 10, width: 80, height: 24)
        _ = narrow.update(.connection(.offline(since: since, reason: ConnectionState.serverFullReason), queued: 3))
        #expect(Fixture.render(narrow).trimmedLines.prefix(3).contains { $0.contains("SERVER FULL") })
        _ = state.update(.connection(.online, queued: 0))
        #expect(!lines(state)[1].contains("SERVER FULL"))
    }

    @Test func quittingWithUnsentEntriesAsksFirst() throws {
        var state = try Fixture.state(Fixture.quietLog(), minute: 10)
        _ = state.update(.queuedOffline(queued: 1))
        #expect(state.update(.key(.control("c"))).isEmpty)
        #expect(lines(state).last?.contains("1 entry is not sent yet: they stay in the outbox") == true)
        #expect(state.update(.key(.character("y"))) == [.quit])
    }

    @Test func theCoachSpeaksWhileABriefingIsTyped() throws {
        var state = try Fixture.state(Fixture.quietLog(), minute: 10, focus: .business)
        type("I think it should be fixed soon", into: &state)
        let status = try #require(lines(state).last)
        #expect(status.contains("coach: hedging"), "\(status)")
        #expect(status.contains("\"I think\""))

        // Not in the technical channel, and not for a /verb.
        var technical = try Fixture.state(Fixture.quietLog(), minute: 10, focus: .technical)
        type("I think db-eu-2 is down", into: &technical)
        #expect(lines(technical).last?.contains("coach") == false)
        var command = try Fixture.state(Fixture.quietLog(), minute: 10, focus: .business)
        type("/note I think so", into: &command)
        #expect(lines(command).last?.contains("coach") == false)

        // A clean briefing leaves the line to the hints.
        var clean = try Fixture.state(Fixture.quietLog(), minute: 10, focus: .business)
        type("We have restored checkout for all shoppers", into: &clean)
        #expect(lines(clean).last?.contains("coach") == false)
    }

    @Test func theHeaderKeepsTheRecord() throws {
        var log = Fixture.quietLog()
        // The 09:30 promise is kept late, at 09:34: one missed out of two settled promises.
        log.add(34, "marc", .briefing(text: "Traffic moved", nextUpdateAt: log.at(50), reason: "monitoring"))
        log.add(35, "ana", .deadlineSlipped(deadline: 1, dueAt: log.at(45), reason: "replica catching up"))
        let state = try Fixture.state(log, minute: 40, width: 120, height: 30)
        let owner = lines(state)[1]
        #expect(owner.contains("updates on time 1/2"), "\(owner)")
        #expect(owner.contains("slips 1"))
        // Q1 has been open since 09:06: flagged after 30 minutes.
        #expect(owner.contains("⚑ Q1 unanswered 34m"))
    }
}
