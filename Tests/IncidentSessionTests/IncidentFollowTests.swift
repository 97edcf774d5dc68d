import CrisisTestSupport
import Foundation
import IncidentModel
import IncidentSession
import IncidentStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One way to follow: events in order and once, whichever path read them.
@Suite struct IncidentFollowTests {
    /// A screen's loop polls the store's change signal itself and reads on its own thread: another
    /// process's commit makes the descriptor readable, and `lookHere` hands the event over before it returns,
    /// with no other thread in between.
    @Test func anotherProcessCommitIsReadOnTheLoopsOwnThread() async throws {
        let fixture = try await SessionFixture(.sqlite)
        let store = try await fixture.open()
        let session = try fixture.session(store)
        let signal = try #require(store.pollableChanges(), "a SQLite store has a signal a loop can poll")
        let last = try await store.events(of: fixture.incident, after: 0).last!.sequence
        let delivered = Collected<FollowUpdate>()
        let follow = IncidentFollow(session, incident: fixture.incident, after: last) { delivered.append($0) }

        let otherProcess = try await fixture.open()
        _ = try await otherProcess.append(EventDraft(incident: fixture.incident, author: "marc",
                                                     payload: .note(text: "from another terminal")))
        var descriptor = pollfd(fd: signal.descriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 10_000) == 1, "the commit wakes the loop")
        #expect(signal.check() == .look)
        follow.lookHere()
        let events = delivered.all.flatMap { update -> [Event] in
            if case .events(let events) = update { return events }
            return []
        }
        #expect(events.map(\.author) == ["marc"], "handed over before lookHere returned")
        // Looking again finds nothing new and hands over nothing twice.
        follow.lookHere()
        await follow.catchUp()
        #expect(delivered.all.count == 1)
        await otherProcess.close()
        await store.close()
    }

    /// The stream async consumers read (`crisis log --follow`, a server): the log so far, then whatever any
    /// session posts, in order.
    @Test(arguments: SessionStoreKind.available)
    func theFollowStreamHandsOverEveryEventInOrder(_ kind: SessionStoreKind) async throws {
        let fixture = try await SessionFixture(kind)
        let store = try await fixture.open()
        let watcher = try fixture.session(store, author: "wall")
        let updates = try watcher.follow(fixture.incident, after: 0)

        let writerStore = try await fixture.open()
        let writer = try fixture.session(writerStore, author: "ana")
        let texts = (1...12).map { "step \($0)" }
        let writing = Task {
            for text in texts { _ = try await writer.post(.note(text), to: fixture.incident) }
        }
        var sequences: [Int] = []
        var notes: [String] = []
        for await update in updates {
            guard case .events(let events) = update else { continue }
            sequences += events.map(\.sequence)
            notes += events.compactMap { if case .note(let text) = $0.payload { text } else { nil } }
            if notes.count == texts.count { break }
        }
        try await writing.value
        #expect(notes == texts)
        #expect(sequences == Array(1...sequences.count), "every event once, in order, from the first")
        await writerStore.close()
        await store.close()
    }
}

/// Outages one after another.
@Suite struct IncidentFollowOutageTests {
    private func connections(_ delivered: Collected<FollowUpdate>) -> [String] {
        delivered.all.compactMap { update in
            guard case .connection(let state, _) = update else { return nil }
            if case .offline = state { return "offline" }
            return "online"
        }
    }

    /// An outage noticed by an append is announced once and retried until a look finds the store; a second
    /// outage after that is announced and retried again (a retrier that gave up must not be mistaken for
    /// one still running).
    @Test func everyOutageIsAnnouncedAndRetriedUntilTheStoreAnswers() async throws {
        let fixture = try await SessionFixture(.sqlite)
        let store = try await fixture.open()
        let session = try fixture.session(store)
        let delivered = Collected<FollowUpdate>()
        let follow = IncidentFollow(session, incident: fixture.incident, after: 2) { delivered.append($0) }
        for round in 1...2 {
            follow.wentOffline(reason: "connection refused")
            follow.wentOffline(reason: "connection refused") // a second failing append: no second announcement
            // Generous: on a loaded 2-core machine the retrier's tasks wait for the cooperative pool. The loop
            // ends as soon as the store is back, so a long limit costs nothing when all is well.
            let deadline = Date().addingTimeInterval(180)
            while connections(delivered).count < 2 * round, Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(connections(delivered) == Array(repeating: ["offline", "online"], count: round).flatMap { $0 },
                    "round \(round)")
        }
        follow.stopRetrying()
        await store.close()
    }
}
