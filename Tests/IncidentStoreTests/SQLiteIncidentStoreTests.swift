import Foundation
import GRDB
import IncidentModel
import CrisisTestSupport
import IncidentStore
import Testing

/// What only the SQLite store does: it stamps times with its injected clock, and creates its file.
/// The promises every store keeps are in StoreConformanceTests.
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

    /// A dashboard's Enter posts on its own thread when nobody holds the lock, and leaves it to the background
    /// (which waits) when somebody does: `appendWithoutWaiting` never waits.
    @Test func appendingWithoutWaitingPostsWhenTheLockIsFreeAndStepsAsideWhenItIsHeld() async throws {
        let store = try makeStore()
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        let draft = EventDraft(incident: id, author: "ana", payload: .note(text: "eu-west is back"), idempotencyKey: "k1")
        let posted = try #require(try store.appendWithoutWaiting(draft))
        #expect(posted.sequence == 3)
        #expect(try await store.append(draft) == posted, "the same key is the same event, whichever way it came")
        #expect(throws: StoreError.unknownIncident(IncidentID(99))) {
            try store.appendWithoutWaiting(EventDraft(incident: IncidentID(99), author: "ana", payload: .note(text: "x")))
        }

        // Another process's transaction holds the write lock: no waiting, nothing written.
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true // The transaction stays open between the two calls on purpose.
        let other = try DatabaseQueue(path: path, configuration: holding)
        try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let second = EventDraft(incident: id, author: "ana", payload: .note(text: "while locked"), idempotencyKey: "k2")
        #expect(try store.appendWithoutWaiting(second) == nil)
        try other.inDatabase { db in try db.execute(sql: "COMMIT") }
        #expect(try await store.events(of: id, after: 0).map(\.sequence) == [1, 2, 3])
        #expect(try store.appendWithoutWaiting(second)?.sequence == 4, "and once the lock is free it posts")
    }
}
