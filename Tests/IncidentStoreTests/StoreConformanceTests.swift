import Foundation
import IncidentModel
import CrisisTestSupport
import IncidentStore
import Testing

/// What every store promises, run unchanged against SQLite and PostgreSQL.
@Suite("Store conformance", .serialized)
struct StoreConformanceTests {
    /// The conformance tests run on PostgreSQL only where there is a server; this says so, as a skip, where
    /// there is none (a parameterized case cannot report itself skipped).
    @Test(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
    func postgresqlIsThere() throws {
        _ = try PostgresTestServer.shared.get()
    }

    @Test(arguments: StoreKind.available)
    func whatIsAppendedIsWhatIsRead(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let opening = try await store.openIncident(author: "ic", payloads: openingPayloads())
        #expect(opening.map(\.sequence) == [1, 2])
        let id = opening[0].incident
        let due = Timestamp.date(milliseconds: 1_795_440_600_001)
        let note = try await store.append(EventDraft(incident: id, author: "bo", payload: .note(text: "db-2 at 100% cpu ✓ 日本")))
        let briefing = try await store.append(EventDraft(incident: id, author: "am", payload:
            .briefing(text: "We see it", nextUpdateAt: due, reason: "after the failover")))
        let log = try await store.events(of: id, after: 0)
        #expect(log == opening + [note, briefing])
        #expect(try await store.events(of: id, after: 3) == [briefing])
        #expect(try await store.events(of: id, after: 4).isEmpty)
        #expect(log.allSatisfy { Timestamp.truncated($0.recordedAt) == $0.recordedAt }, "millisecond precision")

        let reader = try await fixture.open()
        #expect(try await reader.events(of: id, after: 0) == log)
        #expect(try await reader.incident(id).nextUpdateDue == due)
        await reader.close()
        await store.close()
    }

    @Test(arguments: StoreKind.available)
    func sequencesAreGaplessPerIncident(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let first = try await store.openIncident(author: "ic", payloads: openingPayloads("one"))[0].incident
        let second = try await store.openIncident(author: "ic", payloads: [openingPayloads("two")[0]])[0].incident
        #expect(first != second)
        for n in 1...30 {
            _ = try await store.append(EventDraft(incident: n % 3 == 0 ? second : first, author: "a",
                                                  payload: .note(text: "\(n)")))
        }
        #expect(try await store.events(of: first, after: 0).map(\.sequence) == Array(1...22))
        #expect(try await store.events(of: second, after: 0).map(\.sequence) == Array(1...11))
        await store.close()
    }

    @Test(arguments: StoreKind.available)
    func anIdempotencyKeyIsRecordedOnce(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        let draft = EventDraft(incident: id, author: "bo", payload: .note(text: "once"), idempotencyKey: "k-1")
        let first = try await store.append(draft)
        #expect(try await store.append(draft) == first)
        let other = try await store.append(EventDraft(incident: id, author: "bo", payload: .note(text: "other"),
                                                      idempotencyKey: "k-2"))
        #expect(other.sequence == first.sequence + 1)
        #expect(try await store.events(of: id, after: 0).count == 4)
        await store.close()
    }

    @Test(arguments: StoreKind.available)
    func anUnknownIncidentIsRefused(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let missing = IncidentID(99)
        let error = await storeError {
            try await store.append(EventDraft(incident: missing, author: "a", payload: .note(text: "x")))
        }
        #expect(error != nil)
        #expect(error?.description.contains("99") == true, "\(String(describing: error))")
        #expect(try await store.events(of: missing, after: 0).isEmpty)
        #expect(try await store.incidents().isEmpty)
        await store.close()
    }

    @Test(arguments: StoreKind.available)
    func summariesCarryTheLatestStatus(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let first = try await store.openIncident(author: "ic", payloads: openingPayloads("Checkout down", severity: .sev1))
        let second = try await store.openIncident(author: "ic", payloads: [
            .opened(title: "Slow search", severity: .sev3, customer: nil, cadence: 7200),
        ])
        let id = first[0].incident
        for payload: EventPayload in [.status(.resolved), .note(text: "watching"), .confirmed(by: "Jo", note: nil),
                                      .closed(unconfirmedReason: nil), .followUp(dueAt: openedAt, text: "call")] {
            _ = try await store.append(EventDraft(incident: id, author: "a", payload: payload))
        }
        let summaries = try await store.incidents()
        #expect(summaries.map(\.id) == [id, second[0].incident])
        #expect(summaries.map(\.status) == [.closed, .investigating])
        #expect(summaries.map(\.eventCount) == [7, 1])
        #expect(summaries.map(\.title) == ["Checkout down", "Slow search"])
        #expect(summaries[0].openedAt == first[0].recordedAt)
        await store.close()
    }

    @Test(arguments: StoreKind.available)
    func concurrentWritersLoseAndDuplicateNothing(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let setup = try await fixture.open()
        let id = try await setup.openIncident(author: "ic", payloads: [openingPayloads()[0]])[0].incident
        var stores: [any IncidentStore] = []
        for _ in 0..<4 { stores.append(try await fixture.open()) }
        let writers = 8, perWriter = 25
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                let store = stores[writer % stores.count]
                group.addTask {
                    for n in 0..<perWriter {
                        _ = try await store.append(EventDraft(incident: id, author: "w\(writer)",
                                                              payload: .note(text: "w\(writer)-\(n)")))
                    }
                }
            }
            try await group.waitForAll()
        }
        let log = try await setup.events(of: id, after: 0)
        #expect(log.map(\.sequence) == Array(1...(1 + writers * perWriter)))
        let texts = log.compactMap { event -> String? in
            if case .note(let text) = event.payload { return text }
            return nil
        }
        #expect(Set(texts).count == writers * perWriter, "every event once")
        let times = log.map(\.recordedAt)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "recorded times never run backwards")
        for store in stores { await store.close() }
        await setup.close()
    }

    /// A follower hears about every append from another connection, and what makes a watching screen fast:
    /// the signal comes once the commit is visible, so the very first read after it finds the event, and no
    /// follower has to wait for a second signal. The append runs in a child task and the read follows the
    /// signal at once, not the append's return: a signal that came before the commit was visible would find
    /// nothing, and fail here.
    @Test(arguments: StoreKind.available)
    func changesFireOnceAnAppendIsVisible(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let writer = try await fixture.open()
        let id = try await writer.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        let follower = try await fixture.open()
        var signals = follower.changes().makeAsyncIterator()
        if kind == .postgres {
            // PostgreSQL's listener signals once it is listening (the catch-up after each connection).
            #expect(await nextSignal(&signals, within: 30), "the listener never connected")
        }
        var seen = try await follower.events(of: id, after: 0).last?.sequence ?? 0
        for n in 1...20 {
            async let appending = writer.append(EventDraft(incident: id, author: "bo", payload: .note(text: "now \(n)")))
            let signalled = await nextSignal(&signals, within: 10)
            let found = try await follower.events(of: id, after: seen)
            let appended = try await appending
            #expect(signalled, "append \(n) was not signalled")
            seen = found.last?.sequence ?? seen
            #expect(found == [appended], "append \(n): the first signal's read found \(found.count) events")
        }
        await writer.close()
        await follower.close()
    }

    @Test(arguments: StoreKind.available)
    func theDatabaseItselfRefusesToRewriteTheLog(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        _ = try await store.append(EventDraft(incident: id, author: "bo", payload: .note(text: "the truth")))
        let table = kind == .sqlite ? "event" : "crisis_event"
        for sql in ["UPDATE \(table) SET author = 'mallory'", "DELETE FROM \(table) WHERE seq = 3",
                    "INSERT INTO \(table) (incident, seq, recorded_at, author, \(kind == .postgres ? "role, " : "")kind, payload) VALUES (\(id.number), 9, \(kind == .sqlite ? "0" : "now()"), 'm', \(kind == .postgres ? "'m', " : "")'note', '{}')"] {
            let refusal = try fixture.rawSQL(sql)
            #expect(refusal != nil, "\(sql) was accepted")
        }
        #expect(try await store.events(of: id, after: 0).map(\.author) == ["ic", "ic", "bo"])
        await store.close()
    }

    private func nextSignal(_ signals: inout AsyncStream<Void>.Iterator, within seconds: Double) async -> Bool {
        let box = IteratorBox(signals)
        let result = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await box.next() }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        signals = box.iterator
        return result
    }
}

/// Lets a task group take the next signal from an iterator that the test keeps afterwards.
private final class IteratorBox: @unchecked Sendable {
    // @unchecked: only one task at a time calls next(); the test reads `iterator` after the group ends.
    var iterator: AsyncStream<Void>.Iterator

    init(_ iterator: AsyncStream<Void>.Iterator) {
        self.iterator = iterator
    }

    func next() async -> Bool {
        await iterator.next() != nil
    }
}

/// PostgreSQL's own promises beyond the shared ones: the server's clock and the writer's role.
@Suite("PostgreSQL store", .enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
struct PostgresStoreTests {
    @Test func theServerStampsTheRoleAndATimeNoClientCanForge() async throws {
        let fixture = try StoreFixture(.postgres)
        let store = try await fixture.open()
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        let before = Date()
        let note = try await store.append(EventDraft(incident: id, author: "bo", payload: .note(text: "x")))
        #expect(abs(note.recordedAt.timeIntervalSince(before)) < 60, "the server's clock, not a client's")
        #expect(try fixture.rawValue("SELECT string_agg(DISTINCT role, ',') FROM crisis_event") == "crisis")
        // A direct INSERT cannot choose its role or its time either.
        #expect(try fixture.rawSQL("INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload) VALUES (\(id.number), 4, '1999-01-01', 'm', 'postgres', 'note', '{\"kind\":\"note\",\"text\":\"forged\"}')") == nil)
        #expect(try fixture.rawValue("SELECT role || ' ' || (recorded_at > '2000-01-01') FROM crisis_event WHERE seq = 4") == "crisis true")
        await store.close()
    }

    @Test func bothStoresFoldToTheSameIncident() async throws {
        var folded: [Incident] = []
        for kind in StoreKind.allCases {
            let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
            let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
            for payload in [EventPayload.note(text: "n"), .question(text: "q"), .answer(question: 1, text: "a"),
                            .deadlineSet(text: "d", dueAt: openedAt, owner: nil), .deadlineMet(deadline: 1, note: nil)] {
                _ = try await store.append(EventDraft(incident: id, author: "a", payload: payload))
            }
            folded.append(try await store.incident(id))
            await store.close()
        }
        #expect(folded[0].questions.map(\.answers.count) == folded[1].questions.map(\.answers.count))
        #expect(folded[0].deadlines.map(\.outcome) == folded[1].deadlines.map(\.outcome))
        #expect(folded[0].lastSequence == folded[1].lastSequence)
    }
}
