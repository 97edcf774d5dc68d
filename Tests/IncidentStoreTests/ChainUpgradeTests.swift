import CrisisTestSupport
import Foundation
import GRDB
import IncidentModel
@testable import IncidentStore
import Testing

/// A database written before the chain existed (schema version 2) is chained when it is opened by this crisis,
/// or by `crisis admin init` on PostgreSQL, without losing an event; new appends link onto it.
@Suite("Upgrading a database to the hash chain")
struct ChainUpgradeTests {
    static let opening = #"{"customer":"Acme","kind":"opened","severity":2,"title":"Checkout fails"}"#
    static func note(_ n: Int) -> String { #"{"kind":"note","text":"note \#(n)"}"# }

    @Test func anSQLiteDatabaseOfVersion2IsChainedWhenOpened() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("crisis.db")
        let queue = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "v2: a summary of each incident, kept as events are appended")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO incident (created_at) VALUES (1000)")
            try db.execute(sql: "INSERT INTO event (incident, seq, recorded_at, author, kind, payload) VALUES (1, 1, 1000, 'ic', 'opened', ?)",
                           arguments: [Self.opening])
            for n in 2...5 {
                try db.execute(sql: "INSERT INTO event (incident, seq, recorded_at, author, kind, payload) VALUES (1, ?, ?, 'ana', 'note', ?)",
                               arguments: [n, 1000 + n, Self.note(n)])
            }
        }
        try queue.close()

        let store = try SQLiteIncidentStore(path: path, create: false)
        let id = IncidentID(1)
        let before = try await store.chain(of: id, after: 0)
        #expect(before.count == 5)
        #expect(before.allSatisfy { $0.identity.isEmpty }, "who wrote the old events is not known, and not made up")
        #expect(ChainVerifier.verify(before, incident: id).isIntact)
        let appended = try await store.append(EventDraft(incident: id, author: "ana", payload: .note(text: "after the upgrade")))
        #expect(appended.identity?.isEmpty == false)
        let after = try await store.chain(of: id, after: 0)
        #expect(after.count == 6 && after[5].previous == before[4].hash)
        #expect(ChainVerifier.verify(after, incident: id).isIntact)
    }

    /// The version-2 schema as the previous crisis created it, with an incident of five events written
    /// through its own functions, owned by the team's role.
    static func postgresDatabaseOfVersion2() throws -> String {
        let url = try PostgresTestServer.shared.get().freshDatabase()
        try PostgresTestServer.psql(url, "CREATE TABLE crisis_meta (key text PRIMARY KEY, value text NOT NULL)")
        for statement in PostgresSchema.version1 + PostgresSchema.version2 {
            try PostgresTestServer.psql(url, statement)
        }
        try PostgresTestServer.psql(url, "INSERT INTO crisis_meta VALUES ('schema', '2')")
        try PostgresTestServer.psql(url, "SELECT * FROM crisis_open('ic', ARRAY['opened'], ARRAY['\(Self.opening)'])")
        for n in 2...5 {
            try PostgresTestServer.psql(url, "SELECT * FROM crisis_append(1, 'ana', 'note', '\(Self.note(n))', NULL)")
        }
        return url
    }

    @Test(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
    func aPostgreSQLDatabaseOfVersion2IsChainedByItsOwnerOnConnecting() async throws {
        let url = try Self.postgresDatabaseOfVersion2()
        let store = try await StoreAddress.resolve(option: url, environment: [:]).open(create: false, environment: [:])
        let links = try await store.chain(of: IncidentID(1), after: 0)
        #expect(links.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(links.allSatisfy { $0.identity == "crisis" }, "the role the old schema recorded is kept")
        #expect(ChainVerifier.verify(links, incident: IncidentID(1)).isIntact)
        _ = try await store.append(EventDraft(incident: IncidentID(1), author: "ana", payload: .note(text: "after")))
        #expect(ChainVerifier.verify(try await store.chain(of: IncidentID(1), after: 0), incident: IncidentID(1)).isIntact)
        #expect(try PostgresTestServer.psql(url, "SELECT value FROM crisis_meta WHERE key = 'schema'") == "3")
        await store.close()
    }
}
