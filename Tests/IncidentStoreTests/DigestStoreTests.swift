import Foundation
import IncidentModel
import CrisisTestSupport
import GRDB
@testable import IncidentStore
import Testing

/// The summaries beside the log, on both stores: always what a full fold says, however the events arrived,
/// and found by index for the board and the list.
@Suite("Incident summaries in the store", .serialized)
struct DigestStoreTests {
    @Test(arguments: StoreKind.available)
    func theSummaryEqualsAFullFoldAfterEveryAppend(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let other = try await fixture.open() // Another process, reading.
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        for payload in Self.everyKindOfEvent(now: Date()) {
            let event = try await store.append(EventDraft(incident: id, author: "ana", payload: payload))
            if kind == .sqlite {
                // Folded in by the append itself, in a transaction of its own right after the event's commit:
                // nothing is left for a reader to catch up.
                #expect(try Self.summaryProgress(fixture.address) == "\(event.sequence):\(event.sequence)", "after \(payload.kind)")
            }
            let full = IncidentDigest(incident: try await store.incident(id))
            #expect(try await other.digests(DigestQuery()).digests == [full], "after \(payload.kind)")
        }
        await other.close()
        await store.close()
    }

    /// An event committed without its summary (a crash right after the commit, a writer from before summaries,
    /// a person with a SQL client): the trigger marks the summary as lagging in the event's own transaction,
    /// and the next reader folds the event in.
    @Test(arguments: StoreKind.available)
    func anEventCommittedBehindTheSummarysBackIsCaughtUpByTheNextReader(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        _ = try await store.append(EventDraft(incident: id, author: "ana", payload: .note(text: "first")))
        _ = try await store.digests(.open) // Current to event 3.
        let json = try EventCoding.encode(.status(.resolved)).replacingOccurrences(of: "'", with: "''")
        // On SQLite the writer links its row into the chain itself, as crisis would: the schema refuses one without.
        let previous = try #require(try await store.chain(of: id, after: 0).last?.hash)
        let now = Timestamp.milliseconds(Date())
        let hash = ChainHash.of(incident: id, sequence: 4, recordedMilliseconds: now, author: "sql", identity: "",
                                kind: "status", payload: try EventCoding.encode(.status(.resolved)), previous: previous)
        let insert = switch kind {
        case .sqlite: "INSERT INTO event (incident, seq, recorded_at, author, kind, payload, prev_hash, hash) VALUES (\(id.number), 4, \(now), 'sql', 'status', '\(json)', '\(previous)', '\(hash)')"
        case .postgres: "INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload) VALUES (\(id.number), 4, now(), 'sql', 'x', 'status', '\(json)')"
        }
        #expect(try fixture.rawSQL(insert) == nil)
        let table = kind == .sqlite ? "incident_summary" : "crisis_summary"
        #expect(try fixture.rawValue("SELECT head_seq || ':' || through_seq FROM \(table)") == "4:3")
        let digest = try #require(try await store.digests(.open).digests.first)
        #expect(digest.status == .resolved && digest.lastSequence == 4)
        #expect(digest == IncidentDigest(incident: try await store.incident(id)))
        #expect(try fixture.rawValue("SELECT head_seq || ':' || through_seq FROM \(table)") == "4:4", "the catch-up was saved")
        await store.close()
    }

    /// On SQLite the append folds its event into the digest after its commit, without waiting for the lock: a
    /// digest that an earlier writer left lagging (a crash between the two, another process holding the lock,
    /// a SQL client) is brought up to the log by the next append, events it did not write included.
    @Test func theNextAppendFoldsWhatAnEarlierWriterLeftUnfolded() async throws {
        let fixture = try StoreFixture(.sqlite)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        _ = try await store.append(EventDraft(incident: id, author: "ana", payload: .note(text: "first")))
        #expect(try Self.summaryProgress(fixture.address) == "3:3")
        // An event committed without its fold, as a writer killed right after its commit leaves it.
        let json = try EventCoding.encode(.status(.mitigated))
        let previous = try #require(try await store.chain(of: id, after: 0).last?.hash)
        let now = Timestamp.milliseconds(Date())
        let hash = ChainHash.of(incident: id, sequence: 4, recordedMilliseconds: now, author: "sql", identity: "",
                                kind: "status", payload: json, previous: previous)
        #expect(try fixture.rawSQL("INSERT INTO event (incident, seq, recorded_at, author, kind, payload, prev_hash, hash) VALUES (\(id.number), 4, \(now), 'sql', 'status', '\(json.replacingOccurrences(of: "'", with: "''"))', '\(previous)', '\(hash)')") == nil)
        #expect(try Self.summaryProgress(fixture.address) == "3:4", "marked as lagging by the trigger")

        let posted = try #require(try (store as? SQLiteIncidentStore)?.appendWithoutWaiting(
            EventDraft(incident: id, author: "ana", payload: .note(text: "second"))))
        #expect(posted.sequence == 5)
        #expect(try Self.summaryProgress(fixture.address) == "5:5", "the append folded both events")
        let saved = try Self.savedDigest(fixture.address)
        #expect(saved == IncidentDigest(incident: try await store.incident(id)), "equal to a full fold")
        #expect(saved?.status == .mitigated)
        await store.close()
    }

    @Test(arguments: StoreKind.available)
    func aDamagedSummaryIsNamedAndRebuiltFromTheLog(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        var ids: [IncidentID] = []
        for n in 1...3 {
            let id = try await store.openIncident(author: "ic", payloads: openingPayloads("fire \(n)"))[0].incident
            _ = try await store.append(EventDraft(incident: id, author: "a", payload: .note(text: "n\(n)")))
            ids.append(id)
        }
        let before = try await store.digests(DigestQuery()).digests
        let table = kind == .sqlite ? "incident_summary" : "crisis_summary"
        #expect(try fixture.rawSQL("UPDATE \(table) SET digest = '{\"broken\": true}' WHERE incident = \(ids[1].number)") == nil)
        let error = await storeError { try await store.digests(DigestQuery()) }
        #expect(error?.description.contains("the summary of \(ids[1])") == true)
        #expect(error?.description.contains("crisis rebuild-summaries") == true)
        #expect(try await store.rebuildDigests() == 3)
        #expect(try await store.digests(DigestQuery()).digests == before)
        await store.close()
    }

    @Test(arguments: StoreKind.available)
    func listsAreFilteredAndPagedByIndexNewestFirst(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        var ids: [IncidentID] = []
        for n in 1...7 {
            let customer = n % 2 == 0 ? "ACME" : "Globex"
            let id = try await store.openIncident(author: "ic", payloads: [
                .opened(title: "fire \(n)", severity: .sev2, customer: customer, cadence: nil)])[0].incident
            ids.append(id)
            if n <= 3 { _ = try await store.append(EventDraft(incident: id, author: "a", payload: .closed(unconfirmedReason: "gone"))) }
        }
        let due = Date().addingTimeInterval(-60)
        _ = try await store.append(EventDraft(incident: ids[1], author: "a", payload: .followUp(dueAt: due, text: "call")))
        _ = try await store.append(EventDraft(incident: ids[5], author: "a",
                                              payload: .followUp(dueAt: Date().addingTimeInterval(3600), text: "later")))

        #expect(try await store.digests(.open).digests.map(\.id) == Array(ids[3...].reversed()))
        let all = try await store.digests(DigestQuery())
        #expect(all.total == 7 && all.digests.map(\.id) == ids.reversed())
        let second = try await store.digests(DigestQuery(limit: 3, offset: 3))
        #expect(second.total == 7 && second.digests.map(\.id) == [ids[3], ids[2], ids[1]])
        let past = try await store.digests(DigestQuery(limit: 3, offset: 9))
        #expect(past.total == 7 && past.digests.isEmpty)
        #expect(try await store.digests(DigestQuery(customer: "acme")).digests.map(\.id) == [ids[5], ids[3], ids[1]])
        #expect(try await store.digests(DigestQuery(openOnly: true, customer: "ACME")).total == 2)
        #expect(try await store.digests(DigestQuery(activeSince: Date().addingTimeInterval(3600))).total == 0)
        #expect(try await store.digests(DigestQuery(activeSince: Date().addingTimeInterval(-3600))).total == 7)
        // A follow-up is due after closing too; one not yet due is not listed.
        #expect(try await store.digestsWithFollowUpsDue(now: Date()).map(\.id) == [ids[1]])
        await store.close()
    }

    /// The only summary in an SQLite file as saved, read with a connection of its own (no catching up).
    static func savedDigest(_ path: String) throws -> IncidentDigest? {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT incident, digest FROM incident_summary") else { return nil }
            return try DigestCoding.decode(row[1], incident: row[0])
        }
    }

    /// `through:head` of the only summary in an SQLite file, read with a connection of its own.
    static func summaryProgress(_ path: String) throws -> String {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchOne(db, sql: "SELECT through_seq || ':' || head_seq FROM incident_summary") ?? ""
        }
    }

    /// One event of each kind the digest reads, in an order where each refers to something that exists.
    static func everyKindOfEvent(now: Date) -> [EventPayload] {
        let soon = now.addingTimeInterval(600), later = now.addingTimeInterval(3600)
        return [
            .note(text: "db-2 at 100%"),
            .deadlineSet(text: "check lag", dueAt: soon, owner: "bo"),
            .deadlineSlipped(deadline: 1, dueAt: later, reason: "vendor"),
            .deadlineSet(text: "failover", dueAt: later, owner: nil),
            .deadlineMet(deadline: 1, note: nil),
            .briefing(text: "We see it", nextUpdateAt: soon, reason: "after failover"),
            .deliveryClaimed(DeliveryClaim(notice: 9, target: "jo@acme.example", attempt: 1, firedBy: "w")),
            .deliveryReceipt(DeliveryReceipt(notice: 9, target: "jo@acme.example", attempt: 1, outcome: .failed,
                                             detail: "exit 67", retryAt: nil)),
            .role(.comms, name: "Marc", phone: nil),
            .owner(name: "Bo", phone: "555 0101"),
            .impact(text: "all orders"),
            .followUp(dueAt: later, text: "call Jo"),
            .status(.resolved),
            .briefing(text: "Fixed", nextUpdateAt: later, reason: "to confirm"),
            .followUpDone(followUp: 1),
            .deadlineDropped(deadline: 2, note: "moot"),
            .status(.monitoring),
            .closed(unconfirmedReason: "unreachable"),
        ]
    }
}
