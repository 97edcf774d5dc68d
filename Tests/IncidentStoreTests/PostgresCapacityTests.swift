import CrisisTestSupport
import Foundation
@testable import IncidentStore
import Testing

/// What a refused command says about a full server comes from what this machine saw when it last connected.
@Suite struct PostgresCapacityTests {
    static let address = try! PostgresAddress(parsing: "postgres://crisis@db.example:5432/crisis", environment: [:])
    static let seen = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theFiguresSayTheLimitCrissSharesAndHowOldTheyAre() {
        let all = PostgresCapacity(maxConnections: 100, reservedForSuperusers: 3, crisisSessions: 41,
                                   clientConnections: 96, seenAt: Self.seen)
        #expect(all.ordinarySlots == 97)
        #expect(all.described(now: Self.seen.addingTimeInterval(190))
                == "max_connections is 100, 3 of them kept for superusers; when this machine last connected, 3 min ago, crisis held 41 connections of the 96 in use")
        // A role that may not see other roles' kinds of connection says only crisis's share.
        let partial = PostgresCapacity(maxConnections: 12, reservedForSuperusers: 3, crisisSessions: 9,
                                       clientConnections: nil, seenAt: Self.seen)
        #expect(partial.described(now: Self.seen.addingTimeInterval(5)).hasSuffix("when this machine last connected, 5 s ago, crisis held 9 connections"))
        let one = PostgresCapacity(maxConnections: 12, reservedForSuperusers: 3, crisisSessions: 1,
                                   clientConnections: nil, seenAt: Self.seen)
        #expect(one.described(now: Self.seen).hasSuffix("crisis held 1 connection"))
    }

    @Test func aRefusalSaysWhatIsFullAndWhatToDo() {
        let figures = PostgresCapacity(maxConnections: 100, reservedForSuperusers: 3, crisisSessions: 97,
                                       clientConnections: nil, seenAt: Date())
        let full = PostgresErrors.storeError(
            sqlState: "53300", message: "remaining connection slots are reserved for non-replication superuser connections",
            address: Self.address, capacity: figures)
        #expect(full.errorClass == .retryable)
        #expect(full.description.contains("is full: remaining connection slots are reserved"), "\(full)")
        #expect(full.description.contains("max_connections is 100"), "\(full)")
        #expect(full.description.contains("close a terminal or raise the limit (max_connections in postgresql.conf"), "\(full)")
        #expect(!full.description.contains("\n"))
        // A role's or a database's own limit is raised where it is set.
        let role = PostgresErrors.storeError(sqlState: "53300", message: "too many connections for role \"crisis\"",
                                             address: Self.address)
        #expect(role.description.contains("ALTER ROLE … CONNECTION LIMIT"), "\(role)")
        // Without figures (this machine never connected) the line is still whole.
        #expect(role.description.contains("is full: too many connections for role \"crisis\"; close a terminal"), "\(role)")
    }

    @Test func theFiguresAreKeptPerServerInTheStateHome() throws {
        let home = try TemporaryDirectory()
        let environment = ["HOME": home.url.path]
        let file = PostgresCapacityFile(address: Self.address, environment: environment)
        #expect(file.load() == nil)
        let figures = PostgresCapacity(maxConnections: 100, reservedForSuperusers: 3, crisisSessions: 4,
                                       clientConnections: 7, seenAt: Self.seen)
        file.save(figures)
        #expect(file.path == home.url.path + "/.local/state/crisis/postgres/db.example-5432-crisis.json")
        #expect(PostgresCapacityFile(address: Self.address, environment: environment).load() == figures)
        // Another server's figures are its own.
        let other = try PostgresAddress(parsing: "postgres://crisis@db.example:5433/crisis", environment: [:])
        #expect(PostgresCapacityFile(address: other, environment: environment).load() == nil)
        // A damaged file costs the figures, nothing else.
        try Data("{".utf8).write(to: URL(fileURLWithPath: file.path!))
        #expect(file.load() == nil)
    }

    /// The figures are read over a real connection, by a role that is not a superuser.
    @Test(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
    func theFiguresAreReadOnEveryConnection() async throws {
        let url = try PostgresTestServer.shared.get().freshDatabase()
        let home = try TemporaryDirectory()
        let address = try PostgresAddress(parsing: url, environment: [:])
        let store = try await PostgresIncidentStore.connect(address, environment: ["HOME": home.url.path])
        await store.close()
        let seen = try #require(PostgresCapacityFile(address: address, environment: ["HOME": home.url.path]).load())
        let setting = try PostgresTestServer.psql(url, "SHOW max_connections")
        #expect(seen.maxConnections == Int(setting))
        #expect(seen.reservedForSuperusers == 3)
        #expect(seen.crisisSessions >= 1, "its own connection is a crisis session")
        #expect(abs(seen.seenAt.timeIntervalSinceNow) < 600)
    }
}
