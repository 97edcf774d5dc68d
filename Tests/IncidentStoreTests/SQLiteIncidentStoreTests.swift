import Foundation
import GRDB
import IncidentModel
import IncidentStore
import Testing

@Suite("SQLite store")
struct SQLiteIncidentStoreTests {
    let directory: TemporaryDirectory
    let path: String
    let clock: ManualClock

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("crisis.db")
        clock = ManualClock(openedAt)
    }

    func makeStore(create: Bool = true) throws -> SQLiteIncidentStore {
        try SQLiteIncidentStore(path: path, create: create, clock: clock)
    }

    @Test func openAppendAndReadBackWithMilliseconds() async throws {
        let store = try makeStore()
        let opening = try await store.openIncident(author: "ic", payloads: openingPayloads())
        #expect(opening.map(\.sequence) == [1, 2])
        #expect(opening.allSatisfy { $0.recordedAt == openedAt && $0.author == "ic" })
        let id = opening[0].incident

        clock.advance(by: 1.5006) // recorded to the millisecond: 13:00:01.624
        let note = try await store.append(EventDraft(incident: id, author: "bo", payload: .note(text: "db-2 at 100% cpu")))
        #expect(note.sequence == 3)
        #expect(note.recordedAt == Timestamp.date(milliseconds: 1_795_438_801_624))

        clock.advance(by: 60)
        let due = Timestamp.date(milliseconds: 1_795_440_600_001) // …13:30:00.001: one millisecond past the minute
        let briefing = try await store.append(EventDraft(incident: id, author: "am", payload:
            .briefing(text: "We see it", nextUpdateAt: due, reason: "after the failover")))
        clock.advance(by: 0.007)
        let deadline = try await store.append(EventDraft(incident: id, author: "bo", payload:
            .deadlineSet(text: "check lag", dueAt: Timestamp.date(milliseconds: 1_795_440_000_999), owner: "bo")))

        let log = try await store.events(of: id, after: 0)
        #expect(log == opening + [note, briefing, deadline], "what was appended is what is read, times included")
        #expect(try await store.events(of: id, after: 3) == [briefing, deadline])
        #expect(try await store.events(of: id, after: 5).isEmpty)

        // A second store on the same file reads the same log.
        let reader = try makeStore(create: false)
        #expect(try await reader.events(of: id, after: 0) == log)
        let incident = try await reader.incident(id)
        #expect(incident.nextUpdateDue == due)
        #expect(incident.owner?.name == "Ana")
        #expect(incident.deadline(1)?.dueAt == Timestamp.date(milliseconds: 1_795_440_000_999))
    }

    @Test func sequencesAreGapless() async throws {
        let store = try makeStore()
        let first = try await store.openIncident(author: "ic", payloads: openingPayloads("one"))[0].incident
        let second = try await store.openIncident(author: "ic", payloads: [openingPayloads("two")[0]])[0].incident
        #expect(first != second)
        for n in 1...30 {
            _ = try await store.append(EventDraft(incident: n % 3 == 0 ? second : first, author: "a",
                                                  payload: .note(text: "\(n)")))
        }
        let firstLog = try await store.events(of: first, after: 0)
        let secondLog = try await store.events(of: second, after: 0)
        #expect(firstLog.map(\.sequence) == Array(1...22))
        #expect(secondLog.map(\.sequence) == Array(1...11))
        #expect(firstLog.allSatisfy { $0.incident == first })
    }

    @Test func idempotencyKeyReturnsTheSameEvent() async throws {
        let store = try makeStore()
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        let draft = EventDraft(incident: id, author: "bo", payload: .note(text: "once"), idempotencyKey: "k-1")
        let first = try await store.append(draft)
        clock.advance(by: 30)
        let retry = try await store.append(draft)
        #expect(retry == first)
        // Even a retry that differs returns what was recorded under the key.
        let changed = try await store.append(EventDraft(incident: id, author: "bo", payload: .note(text: "twice"),
                                                        idempotencyKey: "k-1"))
        #expect(changed == first)
        let other = try await store.append(EventDraft(incident: id, author: "bo", payload: .note(text: "other"),
                                                      idempotencyKey: "k-2"))
        #expect(other.sequence == first.sequence + 1)
        #expect(try await store.events(of: id, after: 0).count == 4)
    }

    @Test func unknownIncident() async throws {
        let store = try makeStore()
        let missing = IncidentID(99)
        #expect(await storeError { try await store.append(EventDraft(incident: missing, author: "a", payload: .note(text: "x"))) }
            == .unknownIncident(missing))
        #expect(await storeError { try await store.incident(missing) } == .unknownIncident(missing))
        #expect(try await store.events(of: missing, after: 0).isEmpty)
        #expect(try await store.incidents().isEmpty)
    }

    @Test func summariesCarryTheLatestStatus() async throws {
        let store = try makeStore()
        let first = try await store.openIncident(author: "ic", payloads: openingPayloads("Checkout down", severity: .sev1))
        clock.advance(by: 60)
        let second = try await store.openIncident(author: "ic", payloads: [
            .opened(title: "Slow search", severity: .sev3, customer: nil, cadence: 7200),
        ])
        let id = first[0].incident
        _ = try await store.append(EventDraft(incident: id, author: "a", payload: .status(.mitigated)))
        _ = try await store.append(EventDraft(incident: id, author: "a", payload: .note(text: "watching")))
        _ = try await store.append(EventDraft(incident: id, author: "a", payload: .status(.closed)))
        _ = try await store.append(EventDraft(incident: id, author: "a", payload: .note(text: "post-close")))

        let summaries = try await store.incidents()
        #expect(summaries == [
            IncidentSummary(id: id, title: "Checkout down", severity: .sev1, customer: "Acme", status: .closed,
                            openedAt: openedAt, eventCount: 6),
            IncidentSummary(id: second[0].incident, title: "Slow search", severity: .sev3, customer: nil,
                            status: .investigating, openedAt: openedAt.addingTimeInterval(60), eventCount: 1),
        ])
        #expect(summaries.map(\.isOpen) == [false, true])
    }

    @Test func recordedTimesNeverRunBackwards() async throws {
        let store = try makeStore()
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        clock.advance(by: 10)
        let before = try await store.append(EventDraft(incident: id, author: "a", payload: .note(text: "1")))
        clock.advance(by: -3600) // NTP steps the clock back an hour
        let after = try await store.append(EventDraft(incident: id, author: "a", payload: .note(text: "2")))
        #expect(after.recordedAt == before.recordedAt)
        clock.advance(by: -1)
        _ = try await store.append(EventDraft(incident: id, author: "a", payload: .note(text: "3")))
        clock.set(openedAt.addingTimeInterval(20))
        let later = try await store.append(EventDraft(incident: id, author: "a", payload: .note(text: "4")))
        #expect(later.recordedAt == openedAt.addingTimeInterval(20))

        let times = try await store.events(of: id, after: 0).map(\.recordedAt)
        #expect(times.count == 6)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "\(times)")
    }

    @Test func concurrentWritersThroughTwoConnections() async throws {
        let setup = try makeStore()
        let id = try await setup.openIncident(author: "ic", payloads: [openingPayloads()[0]])[0].incident
        let stores = [try makeStore(create: false), try makeStore(create: false)]
        let writers = 8, perWriter = 25
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                let store = stores[writer % 2]
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
        let expected = (0..<writers).flatMap { w in (0..<perWriter).map { "w\(w)-\($0)" } }
        #expect(texts.sorted() == expected.sorted(), "every event once")
        for writer in 0..<writers {
            let own = texts.filter { $0.hasPrefix("w\(writer)-") }
            #expect(own == (0..<perWriter).map { "w\(writer)-\($0)" }, "one writer's events keep their order")
        }
    }

    @Test func concurrentFirstOpensOfANewFile() async throws {
        let path = self.path, clock = self.clock
        let ids = try await withThrowingTaskGroup(of: IncidentID.self) { group in
            for n in 0..<8 {
                group.addTask {
                    let store = try SQLiteIncidentStore(path: path, create: true, clock: clock)
                    return try await store.openIncident(author: "p\(n)", payloads: [openingPayloads("\(n)")[0]])[0].incident
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(ids).count == 8)
        #expect(try await makeStore(create: false).incidents().count == 8)
    }

    @Test func changesFireAfterAnotherStoreAppends() async throws {
        let writer = try makeStore()
        let id = try await writer.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        let follower = try makeStore(create: false)
        let signals = follower.changes()

        let appended = try await writer.append(EventDraft(incident: id, author: "bo", payload: .note(text: "new")))
        let signalled = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in signals { return true }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(signalled, "no change signal within 5 s of an append by another store")
        #expect(try await follower.events(of: id, after: 2) == [appended])
    }
}
