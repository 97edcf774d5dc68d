import CrisisTestSupport
import Foundation
@testable import IncidentStore
import IncidentModel
import Logging
import PostgresNIO
import Synchronization
import Testing

/// What a real PostgreSQL server does to a store that is open: a password rotated under it, no connection
/// left, its backend terminated, and an error of crisis's own inside a query. Each failure has its class
/// (`StoreErrorClass`), and the outbox keeps what it should.
@Suite("PostgreSQL failures", .serialized,
       .enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
struct PostgresFailureTests {
    /// A dashboard is open when the password of its role is changed and its connection dropped: what is typed
    /// then is kept, said to be a login refused, and sent in order once the old password is back.
    @Test func aRotatedPasswordKeepsTheEntriesUntilItIsRightAgain() async throws {
        // A server of its own: the role's password changes for everyone on it.
        let server = try PostgresTestServer.start()
        defer { try? server.stop() }
        let url = try server.freshDatabase()
        let rotatedURL = url.replacingOccurrences(of: "crisis:crisis@", with: "crisis:rotated@")
        let store = try await Self.open(url)
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        let directory = try TemporaryDirectory()
        let outbox = Outbox(path: directory.path("outbox.jsonl"))

        try PostgresTestServer.psql(url, """
            ALTER ROLE crisis PASSWORD 'rotated';
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = current_user AND pid <> pg_backend_pid()
            """)
        let typed = (1...3).map { EventDraft(incident: id, author: "bo", payload: .note(text: "during the rotation \($0)")) }
        let refusal = await Self.error { try await store.append(typed[0]) }
        #expect(StoreErrorClass(of: try #require(refusal)) == .retryable, "\(String(describing: refusal))")
        for draft in typed { try outbox.enqueue(draft) }

        // The first try may still meet the dropped connection; the next logs in again, and is refused.
        var flushed = await outbox.flush(to: store)
        if case .unreachable? = flushed.error as? StoreError { flushed = await outbox.flush(to: store) }
        #expect(flushed.sent.isEmpty && flushed.rejected == 0 && flushed.remaining == 3)
        let refusedLogin = if case .authentication? = flushed.error as? StoreError { true } else { false }
        #expect(refusedLogin, "a refused login: \(String(describing: flushed.error))")
        #expect(String(describing: flushed.error).contains("nothing is lost"))
        #expect(!FileManager.default.fileExists(atPath: outbox.rejectedPath))

        try PostgresTestServer.psql(rotatedURL, "ALTER ROLE crisis PASSWORD 'crisis'")
        let sent = await outbox.flush(to: store)
        #expect(sent.remaining == 0 && sent.rejected == 0, "\(String(describing: sent.error))")
        #expect(try await store.events(of: id, after: 2).map(\.payload) == typed.map(\.payload), "sent in order")
        await store.close()
    }

    /// The server has no connection left for this database: a store that cannot connect is told to try
    /// again, and one already connected goes on.
    @Test func noConnectionLeftIsRetryable() async throws {
        let server = try PostgresTestServer.shared.get()
        let url = try server.freshDatabase()
        let connected = try await Self.open(url)
        // PostgresNIO asserts that a connection is closed before it is released: close on every way out.
        do {
            try await theDatabaseRefusesASecondConnection(url, server: server, connected: connected)
        } catch {
            Issue.record(error)
        }
        await connected.close()
    }

    private func theDatabaseRefusesASecondConnection(_ url: String, server: PostgresTestServer,
                                                     connected: any IncidentStore) async throws {
        let id = try await connected.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        // The database's own limit: 53300, as max_connections gives, without starving the shared server.
        let database = String(url[url.index(after: url.lastIndex(of: "/")!)...])
        // Set from another database, which the limit does not count.
        try PostgresTestServer.psql(server.url, "ALTER DATABASE \(database) CONNECTION LIMIT 1")
        let refusal = await Self.error { try await Self.open(url) }
        let message: String? = if case .serverFull(_, let message, _)? = refusal as? StoreError { message } else { nil }
        #expect(message?.contains("too many connections") == true, "\(String(describing: refusal))")
        // The advice is for the limit that was met: this one is the database's own.
        #expect(refusal.map { "\($0)" }?.contains("ALTER DATABASE") == true, "\(String(describing: refusal))")
        #expect(refusal.map { StoreErrorClass(of: $0) } == .retryable)
        #expect(try await connected.append(EventDraft(incident: id, author: "bo", payload: .note(text: "still here"))).sequence == 3)

        try PostgresTestServer.psql(server.url, "ALTER DATABASE \(database) CONNECTION LIMIT -1")
        let second = try await Self.open(url)
        let log = try? await second.events(of: id, after: 0)
        await second.close()
        #expect(log?.count == 3)
    }

    /// An administrator ends the store's backend while an append waits in it: the append fails as retryable,
    /// and the next one reconnects.
    @Test func aTerminatedBackendIsRetryableAndTheNextCallReconnects() async throws {
        let url = try PostgresTestServer.shared.get().freshDatabase()
        let store = try await Self.open(url)
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        // psql holds the incident's row lock, so the store's append waits in its backend until it is ended.
        var environment = ProcessInfo.processInfo.environment
        environment["PGAPPNAME"] = "crisis-lock-holder"
        // Everything below looks only at this test's own database: other tests share the server.
        let holder = try BackgroundProcess("/usr/bin/psql", ["-X", "-q", url, "-c", """
            BEGIN; SELECT 1 FROM crisis_incident WHERE id = \(id.number) FOR UPDATE; SELECT pg_sleep(120); COMMIT;
            """], environment: environment)
        defer {
            _ = try? PostgresTestServer.psql(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'crisis-lock-holder'")
            holder.kill()
            holder.wait()
        }
        try await Self.eventually("psql holds the lock") {
            try PostgresTestServer.psql(url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'crisis-lock-holder' AND query LIKE '%pg_sleep%'") == "1"
        }
        let waiting = Task { try await store.append(EventDraft(incident: id, author: "bo", payload: .note(text: "waits"))) }
        try await Self.eventually("the append waits for the lock") {
            try PostgresTestServer.psql(url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%crisis_append%'") == "1"
        }
        try PostgresTestServer.psql(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%crisis_append%' AND pid <> pg_backend_pid()")
        let ended = await Self.error { try await waiting.value }
        #expect(ended.map { StoreErrorClass(of: $0) } == .retryable, "\(String(describing: ended))")
        let wasUnreachable = if case .unreachable? = ended as? StoreError { true } else { false }
        #expect(wasUnreachable, "an ended connection: \(String(describing: ended))")

        try PostgresTestServer.psql(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'crisis-lock-holder'")
        let next = try await store.append(EventDraft(incident: id, author: "bo", payload: .note(text: "after")))
        #expect(next.sequence == 3, "the ended append recorded nothing, and the next one reconnected")
        await store.close()
    }

    /// An error of crisis's own inside the store's work (here an event it cannot decode) is a bug to report,
    /// not the server being out of reach: it used to be shown as "offline" and retried forever.
    @Test func aNonDriverErrorIsABugNotOffline() async throws {
        let fixture = try StoreFixture(.postgres)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let id = try await store.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        #expect(try fixture.rawSQL("""
            INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload, idempotency_key)
            VALUES (\(id.number), 3, now(), 'm', 'm', 'note', '{"kind":"note","words":1}', 'undecodable')
            """) == nil)
        let error = await Self.error {
            try await store.append(EventDraft(incident: id, author: "bo", payload: .note(text: "x"), idempotencyKey: "undecodable"))
        }
        #expect(!(error is StoreError), "\(String(describing: error))")
        #expect(error.map { StoreErrorClass(of: $0) } == .bug)

        // And straight from the session: what a query's body throws comes out as it is.
        struct Mistake: Error {}
        let address = try PostgresAddress(parsing: fixture.address, environment: [:])
        let session = try PostgresSession(address: address, environment: [:]) { _, _ in }
        let thrown = await Self.error { try await session.run { _, _ in throw Mistake() } }
        #expect(thrown is Mistake, "\(String(describing: thrown))")
        await session.close()
        await store.close()
    }

    /// A call whose connection dropped while it ran must not forget a newer connection another call opened
    /// meanwhile: that one stays in use (and a forgotten one would be released unclosed, which PostgresNIO
    /// asserts against).
    @Test func aFailedCallKeepsTheNewerConnection() async throws {
        let url = try PostgresTestServer.shared.get().freshDatabase()
        let address = try PostgresAddress(parsing: url, environment: [:])
        let session = try PostgresSession(address: address, environment: [:]) { _, _ in }
        let firstPID = Mutex<Int32?>(nil)
        let firstFailed = Latch(), newerOpened = Latch()
        let first = Task {
            try await session.run { connection, logger in
                let pid = try await Self.backendPID(connection, logger)
                firstPID.withLock { $0 = pid }
                // Its backend is ended under it; it then holds its failure until another call has found this
                // connection closed and opened another.
                for _ in 0..<3000 where !connection.isClosed { try await Task.sleep(for: .milliseconds(10)) }
                await firstFailed.open()
                await newerOpened.wait()
                throw StoreError.unreachable(address: address.displayName, reason: "its backend was ended")
            }
        }
        try await Self.eventually("the first call runs") { firstPID.withLock { $0 } != nil }
        let pid = try #require(firstPID.withLock { $0 })
        try PostgresTestServer.psql(url, "SELECT pg_terminate_backend(\(pid))")
        await firstFailed.wait()
        let newer = try await session.run { connection, logger in try await Self.backendPID(connection, logger) }
        await newerOpened.open()
        let failure = await Self.error { try await first.value }
        #expect(failure.map { StoreErrorClass(of: $0) } == .retryable, "\(String(describing: failure))")
        let after = try await session.run { connection, logger in try await Self.backendPID(connection, logger) }
        #expect(after == newer, "the connection opened while the first call failed is still the one in use")
        #expect(newer != pid)
        await session.close()
    }

    // MARK: - Helpers

    private static func open(_ url: String) async throws -> any IncidentStore {
        try await StoreAddress.resolve(option: url, environment: [:]).open(create: true, environment: [:])
    }

    private static func error<T>(_ body: () async throws -> T) async -> (any Error)? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }

    private static func backendPID(_ connection: PostgresConnection, _ logger: Logger) async throws -> Int32 {
        for try await pid in try await connection.query("SELECT pg_backend_pid()", logger: logger).decode(Int32.self) {
            return pid
        }
        throw StoreError.failed("no pid")
    }

    /// Polls `condition` for up to 30 seconds.
    private static func eventually(_ what: String, _ condition: () throws -> Bool) async throws {
        for _ in 0..<3000 {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("never: \(what)")
        throw CancellationError()
    }
}

/// Opens once; whoever waits before or after goes on.
private actor Latch {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        waiting.forEach { $0.resume() }
        waiting = []
    }

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }
}
