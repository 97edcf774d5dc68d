import CrisisTestSupport
import Foundation
import GRDB
@testable import IncidentStore
import IncidentModel
import Synchronization
import Testing

/// Every failure a store can meet, and what the outbox and the front ends do about it: keep and retry, set
/// the entry aside with its reason, or report a bug.
@Suite struct StoreErrorClassTests {
    static let address = try! PostgresAddress(parsing: "postgres://crisis@db.example:5432/crisis", environment: [:])

    static let sqlStates: [(state: String, expected: StoreErrorClass)] = [
        ("28P01", .retryable), ("28000", .retryable), // a rotated password
        ("53300", .retryable), ("53100", .retryable), ("53200", .retryable), // too many connections, no resources
        ("40P01", .retryable), ("40001", .retryable), // deadlock, serialization failure
        ("57P01", .retryable), ("57P02", .retryable), ("57P03", .retryable), // terminated, shutting down, starting
        ("08006", .retryable), ("55P03", .retryable), ("57014", .retryable),
        ("22P02", .permanent), ("22001", .permanent), ("23514", .permanent), ("23505", .permanent),
        ("P0001", .permanent), ("P0002", .permanent), ("XX001", .permanent),
        ("42883", .bug), ("0A000", .bug), ("", .bug),
    ]

    @Test(arguments: sqlStates)
    func eachSQLSTATEHasItsClass(state: String, expected: StoreErrorClass) {
        let error = PostgresErrors.storeError(sqlState: state, message: "unknown incident 7", address: Self.address)
        #expect(error.errorClass == expected, "\(state) → \(error)")
    }

    @Test func theMessagesSayWhatHappensToTheEntries() {
        let rotated = PostgresErrors.storeError(sqlState: "28P01", message: "password authentication failed for user \"crisis\"",
                                                address: Self.address)
        #expect(rotated.description.contains("password"))
        #expect(rotated.description.contains("nothing is lost"), "\(rotated)")
        let full = PostgresErrors.storeError(sqlState: "53300", message: "sorry, too many clients already", address: Self.address)
        #expect(full.description.contains("too many clients") && full.description.contains("is full"), "\(full)")
        #expect(full.description.contains("close a terminal or raise the limit (max_connections"), "\(full)")
        // crisis_append's own refusal names the incident the entry was for.
        #expect(PostgresErrors.storeError(sqlState: "P0002", message: "unknown incident 7", address: Self.address)
                == .unknownIncident(IncidentID(7)))
    }

    /// The driver's failures are outages; anything else that escapes a query is ours, never "unreachable".
    @Test func aNonDriverErrorIsABugNotAnOutage() {
        struct Mistake: Error {}
        let translated = PostgresErrors.translate(Mistake(), address: Self.address)
        #expect(translated is Mistake, "passed through, not dressed up as a store error: \(translated)")
        #expect(StoreErrorClass(of: translated) == .bug)
        let decoding = PostgresErrors.translate(DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "x")),
                                                address: Self.address)
        #expect(StoreErrorClass(of: decoding) == .bug)
        #expect(StoreErrorClass(of: CancellationError()) == .retryable)
    }

    @Test func sqliteFailuresHaveTheirClass() {
        func classOf(_ code: ResultCode) -> StoreErrorClass {
            StoreErrorClass(of: SQLiteIncidentStore.translate(DatabaseError(resultCode: code), path: "/nowhere/crisis.db",
                                                              busyTimeout: 10))
        }
        #expect(classOf(.SQLITE_BUSY) == .retryable, "a lock held past the busy timeout")
        #expect(classOf(.SQLITE_LOCKED) == .retryable)
        #expect(classOf(.SQLITE_CONSTRAINT) == .permanent, "the schema's own checks")
        #expect(classOf(.SQLITE_NOTADB) == .permanent)
        #expect(classOf(.SQLITE_READONLY) == .permanent)
        #expect(classOf(.SQLITE_MISUSE) == .bug)
        struct Mistake: Error {}
        #expect(StoreErrorClass(of: SQLiteIncidentStore.translate(Mistake(), path: "x", busyTimeout: 1)) == .bug)
    }

    // MARK: - What the outbox does with each class

    @Test func aRetryableErrorKeepsEverythingInOrder() async throws {
        let (outbox, directory) = try Self.outbox(["one", "two", "three"])
        defer { withExtendedLifetime(directory) {} }
        let store = ScriptedStore(failures: ["two": StoreError.busy(path: "crisis.db", seconds: 10)])
        let result = await outbox.flush(to: store)
        #expect(result.sent.map(\.text) == ["one"])
        #expect(result.remaining == 2 && result.rejected == 0)
        #expect(StoreErrorClass(of: try #require(result.error)) == .retryable)
        #expect(try outbox.pending().map(\.text) == ["two", "three"])
        #expect(!FileManager.default.fileExists(atPath: outbox.rejectedPath))

        store.failures.withLock { $0 = [:] }
        let retried = await outbox.flush(to: store)
        #expect(retried.sent.map(\.text) == ["two", "three"] && retried.remaining == 0)
    }

    @Test func aPermanentRefusalSetsThatEntryAsideWithItsReason() async throws {
        let (outbox, directory) = try Self.outbox(["one", "two", "three"])
        defer { withExtendedLifetime(directory) {} }
        let store = ScriptedStore(failures: ["two": StoreError.refused("payload too long")])
        let result = await outbox.flush(to: store)
        #expect(result.sent.map(\.text) == ["one", "three"])
        #expect(result.setAside.map(\.draft.text) == ["two"])
        #expect(result.setAside.first?.reason.contains("payload too long") == true)
        #expect(result.remaining == 0)
        // A person reads why in the set-aside file, one JSON object a line.
        let text = try String(contentsOfFile: outbox.rejectedPath, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        let line = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect((line["refusal"] as? String)?.contains("payload too long") == true, "\(line)")
        #expect(line["setAsideAt"] != nil && line["idempotencyKey"] != nil)
    }

    /// Permanent for the whole store (a read-only or damaged database) is not a refusal of one entry: setting
    /// them aside one by one would empty the outbox into the rejected file. Everything stays, in order.
    @Test func aBrokenStoreStopsTheFlushAndKeepsEveryEntry() async throws {
        let (outbox, directory) = try Self.outbox(["one", "two", "three"])
        defer { withExtendedLifetime(directory) {} }
        let store = ScriptedStore(failures: ["one": StoreError.readOnly(path: "crisis.db"),
                                             "two": StoreError.readOnly(path: "crisis.db")])
        let result = await outbox.flush(to: store)
        #expect(result.sent.isEmpty && result.rejected == 0 && result.remaining == 3)
        #expect(try outbox.pending().map(\.text) == ["one", "two", "three"])
        #expect(!FileManager.default.fileExists(atPath: outbox.rejectedPath))
    }

    @Test func aBugStopsTheFlushAndKeepsTheEntries() async throws {
        struct Mistake: Error {}
        let (outbox, directory) = try Self.outbox(["one", "two"])
        defer { withExtendedLifetime(directory) {} }
        let store = ScriptedStore(failures: ["one": Mistake()])
        let result = await outbox.flush(to: store)
        #expect(result.sent.isEmpty && result.rejected == 0 && result.remaining == 2)
        #expect(result.error is Mistake)
    }

    private static func outbox(_ texts: [String]) throws -> (Outbox, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let outbox = Outbox(path: directory.path("outbox.jsonl"))
        for text in texts {
            try outbox.enqueue(EventDraft(incident: IncidentID(1), author: "ana", payload: .note(text: text)))
        }
        return (outbox, directory)
    }
}

/// A store that takes every note except those it is told to fail, with the error it is given.
private final class ScriptedStore: IncidentStore {
    let failures: Mutex<[String: any Error & Sendable]>
    private let recorded = Mutex<[Event]>([])

    init(failures: [String: any Error & Sendable]) {
        self.failures = Mutex(failures)
    }

    func append(_ draft: EventDraft) async throws -> Event {
        if let failure = failures.withLock({ $0[draft.text] }) { throw failure }
        return recorded.withLock { log in
            let event = Event(incident: draft.incident, sequence: log.count + 1, recordedAt: Date(), author: draft.author,
                              payload: draft.payload)
            log.append(event)
            return event
        }
    }

    func openIncident(author: String, payloads: [EventPayload]) async throws -> [Event] { [] }
    func events(of incident: IncidentID, after sequence: Int) async throws -> [Event] { [] }
    func incidents() async throws -> [IncidentSummary] { [] }
    func digests(_ query: DigestQuery) async throws -> DigestPage { DigestPage(digests: [], total: 0) }
    func digestsWithFollowUpsDue(now: Date) async throws -> [IncidentDigest] { [] }
    func rebuildDigests() async throws -> Int { 0 }
    func chain(of incident: IncidentID, after sequence: Int, limit: Int) async throws -> [ChainLink] { [] }
    func importChains(_ incidents: [[ChainLink]]) async throws {}
    func incidentNumbers() async throws -> [IncidentID] { [] }
    func changes() -> AsyncStream<Void> { AsyncStream { $0.finish() } }
}

private extension EventDraft {
    var text: String {
        if case .note(let text) = payload { return text }
        return ""
    }
}

private extension Event {
    var text: String {
        if case .note(let text) = payload { return text }
        return ""
    }
}
