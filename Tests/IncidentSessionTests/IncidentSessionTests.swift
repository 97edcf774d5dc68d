import CrisisTestSupport
import Foundation
import IncidentModel
import IncidentSession
import IncidentStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One way to post for every front end: in order, behind the outbox, each entry keyed once.
@Suite struct IncidentSessionTests {
    /// A screen's loop hands entries over synchronously, one per Enter, as fast as people type: they land
    /// in that order. One task per Enter let two quick Enters race on PostgreSQL.
    @Test(arguments: SessionStoreKind.available)
    func entriesHandedOverQuicklyLandInTheOrderTheyWereMade(_ kind: SessionStoreKind) async throws {
        let fixture = try await SessionFixture(kind)
        let store = try await fixture.open()
        let session = try fixture.session(store)
        let (outcomes, done) = AsyncStream.makeStream(of: Result<PostOutcome, any Error>.self)
        let texts = (1...40).map { "line \($0)" }
        for text in texts {
            session.submit(session.draft(.note(text: text), to: fixture.incident)) { done.yield($0) }
        }
        var count = 0
        for await outcome in outcomes {
            guard case .posted = try outcome.get() else { Issue.record("not posted: \(outcome)"); break }
            count += 1
            if count == texts.count { break }
        }
        #expect(try await fixture.notes(in: store) == texts)
        await store.close()
    }

    /// What waits in the person's outbox goes first: a new entry never overtakes an older one.
    @Test(arguments: SessionStoreKind.available)
    func aNewEntryLandsAfterTheOlderOnesWaitingInTheOutbox(_ kind: SessionStoreKind) async throws {
        let fixture = try await SessionFixture(kind)
        for text in ["queued 1", "queued 2", "queued 3"] {
            try fixture.outbox.enqueue(EventDraft(incident: fixture.incident, author: "ana", payload: .note(text: text),
                                                  idempotencyKey: UUID().uuidString))
        }
        let store = try await fixture.open()
        let notices = Collected<SessionNotice>()
        let session = try fixture.session(store, notices: { notices.append($0) })
        let outcome = try await session.post(.note("typed after the reconnect"), to: fixture.incident)
        guard case .posted(let event) = outcome else { Issue.record("not posted: \(outcome)"); return }
        #expect(event.author == "ana")
        #expect(try await fixture.notes(in: store) == ["queued 1", "queued 2", "queued 3", "typed after the reconnect"])
        #expect(fixture.outbox.isEmpty)
        #expect(notices.all == [.sentQueued(count: 3)])
        await store.close()
    }

    /// A command is resolved against the incident as it stands: a deadline gets the next label.
    @Test func aCommandIsResolvedAgainstTheIncidentAsItStands() async throws {
        let fixture = try await SessionFixture(.sqlite)
        let store = try await fixture.open()
        let session = try fixture.session(store)
        _ = try await session.post(try Command.deadline("check the lag", in: "20m", at: nil, owner: nil), to: fixture.incident)
        _ = try await session.post(try Command.deadlineMet("D1", why: "lag confirmed"), to: fixture.incident)
        let incident = try await session.incident(fixture.incident)
        #expect(incident.deadlines.map(\.label) == ["D1"])
        #expect(incident.deadlines.first?.isOpen == false)
        // A reference to a deadline that does not exist is refused before anything is written.
        await #expect(throws: CommandError.self) {
            _ = try await session.post(try Command.deadlineMet("D7", why: nil), to: fixture.incident)
        }
        #expect(try await store.events(of: fixture.incident, after: 0).count == incident.lastSequence)
        await store.close()
    }

    /// A store out of reach from the start: with queueing, the entry waits in the outbox with the key it was
    /// made with, and sending it twice records it once; without, the error says what was wrong.
    @Test func aStoreOutOfReachQueuesTheEntryKeyedOnce() async throws {
        let directory = try TemporaryDirectory()
        let environment = ["XDG_STATE_HOME": directory.path("state"), "CRISIS_INCIDENT": "INC-1"]
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let unreachable = "postgres://crisis@127.0.0.1:1/crisis"
        await #expect(throws: StoreError.self) {
            _ = try await IncidentSession.connect(database: unreachable, incident: nil, author: "ana",
                                                  queuesWhenOffline: false, environment: environment)
        }
        let session = try await IncidentSession.connect(database: unreachable, incident: nil, author: "ana",
                                                        queuesWhenOffline: true, environment: environment)
        let outcome = try await session.post(.note("written on the train"))
        guard case let .queued(draft, waiting, _, offline) = outcome else { Issue.record("not queued: \(outcome)"); return }
        #expect(waiting == 1)
        #expect(offline, "a refused connection is the store being out of reach")
        let outbox = try #require(session.outbox)
        #expect(try outbox.pending() == [draft])

        // The store answers again (here a SQLite file with INC-1), and the entry is sent twice (a crash between
        // the commit and the outbox's rewrite): one event.
        let fixture = try await SessionFixture(.sqlite)
        let store = try await fixture.open()
        _ = try await store.append(draft)
        _ = await outbox.flush(to: store)
        #expect(try await fixture.notes(in: store) == ["written on the train"])
        #expect(outbox.isEmpty)
        await store.close()
    }

    /// Every front end checks the author once, in the session: a name that would reach a terminal as
    /// control sequences is refused, and so is an empty one.
    @Test func anAuthorThatCouldNotBeShownSafelyIsRefused() async throws {
        let fixture = try await SessionFixture(.sqlite)
        let store = try await fixture.open()
        #expect(throws: CommandError.self) { _ = try fixture.session(store, author: "mallory\u{1B}[2J") }
        #expect(throws: CommandError.self) { _ = try fixture.session(store, author: "  ") }
        #expect(throws: CommandError.self) {
            _ = try AuthorName.resolve(option: "", environment: ["CRISIS_AUTHOR": "ana"])
        }
        #expect(try AuthorName.resolve(option: nil, environment: ["CRISIS_AUTHOR": "ana"]) == "ana")
        await store.close()
    }
}

/// What a session must still do at the end of its life, and where PostgreSQL's cases went.
@Suite struct IncidentSessionLifetimeTests {
    /// The PostgreSQL cases of the parameterized tests run only with a server; without one, this test is
    /// reported skipped, so their absence shows.
    @Test(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
    func postgresqlCasesRun() {
        #expect(SessionStoreKind.available.contains(.postgres))
    }

    /// Quitting right after a burst of Enters: closing the session finishes every entry handed over first.
    @Test func closingFinishesEveryEntryHandedOver() async throws {
        let fixture = try await SessionFixture(.sqlite)
        let store = try await fixture.open()
        let session = try fixture.session(store)
        let texts = (1...20).map { "last words \($0)" }
        for text in texts {
            session.submit(session.draft(.note(text: text), to: fixture.incident)) { _ in }
        }
        await session.close()
        let reopened = try await fixture.open()
        #expect(try await fixture.notes(in: reopened) == texts)
        await reopened.close()
    }
}
