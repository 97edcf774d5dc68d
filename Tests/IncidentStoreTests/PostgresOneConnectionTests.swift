import CrisisTestSupport
import Foundation
@testable import IncidentStore
import IncidentModel
import Synchronization
import Testing

/// A process holds one connection to the server, whatever it does: follow, read, write (issue 18). Each test
/// has a database of its own, so the connections counted in it are the test's alone.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
struct PostgresOneConnectionTests {
    private static func connections(to url: String) throws -> Int {
        Int(try PostgresTestServer.psql(url, """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """)) ?? -1
    }

    private static func backends(of url: String) throws -> [String] {
        try PostgresTestServer.psql(url, """
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """).split(separator: "\n").map(String.init)
    }

    /// Counts a change stream's signals, so a test can wait for the next one with a bound.
    private final class SignalCount: Sendable {
        private final class Tally: Sendable {
            let count = Mutex(0)
        }
        private let tally = Tally()
        private let consuming: Task<Void, Never>

        init(_ stream: AsyncStream<Void>) {
            let tally = self.tally
            consuming = Task { for await _ in stream { tally.count.withLock { $0 += 1 } } }
        }

        deinit { consuming.cancel() }

        var value: Int { tally.count.withLock { $0 } }

        /// Waits until more than `seen` signals came, for up to `seconds`; the new count, or nil.
        func after(_ seen: Int, within seconds: Double = 30) async -> Int? {
            let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
            while ContinuousClock.now < deadline {
                if value > seen { return value }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return nil
        }
    }

    @Test func followingReadingAndWritingShareOneConnection() async throws {
        let url = try PostgresTestServer.shared.get().freshDatabase()
        let address = try PostgresAddress(parsing: url, environment: [:])
        let follower = try await PostgresIncidentStore.connect(address, environment: [:])
        let writer = try await PostgresIncidentStore.connect(address, environment: [:])
        let signals = SignalCount(follower.changes())
        // The first signal says the listener is up (a follower catches up on it).
        let up = try #require(await signals.after(0))
        let id = try await writer.openIncident(author: "ic", payloads: openingPayloads())[0].incident
        let opened = try #require(await signals.after(up), "the writer's append is notified")
        // The follower reads and writes on the connection it listens on.
        #expect(try await follower.events(of: id, after: 0).count == 2)
        _ = try await follower.append(EventDraft(incident: id, author: "bo", payload: .note(text: "from the follower")))
        // Two followers of one store share its listener.
        let second = SignalCount(follower.changes())
        let secondUp = try #require(await second.after(0))
        let before = signals.value
        _ = try await writer.append(EventDraft(incident: id, author: "ic", payload: .note(text: "to both")))
        let firstHeard = await signals.after(max(before, opened)), secondHeard = await second.after(secondUp)
        #expect(firstHeard != nil && secondHeard != nil)
        // Two stores, two connections: the follower's listening costs none of its own.
        #expect(try Self.connections(to: url) == 2)
        await writer.close()
        await follower.close()
        // (The server ends a backend a moment after its client closes; on a loaded machine, a few moments.)
        var looks = 0
        while try Self.connections(to: url) != 0, looks < 100 {
            looks += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        let left = try PostgresTestServer.psql(url, "SELECT application_name, state, backend_start, query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
        #expect(left.isEmpty, "closing lets the connection go, listener and all: \(left)")
    }

    /// An administrator ends the follower's backend: the follower is told (it reads, and finds the outage or
    /// what it missed), connects again, and listens again on the new connection.
    @Test func aLostConnectionIsSignalledAndListenedOnAgain() async throws {
        let url = try PostgresTestServer.shared.get().freshDatabase()
        let address = try PostgresAddress(parsing: url, environment: [:])
        let follower = try await PostgresIncidentStore.connect(address, environment: [:])
        let signals = SignalCount(follower.changes())
        let up = try #require(await signals.after(0))
        let before = try Self.backends(of: url)
        #expect(before.count == 1)
        _ = try PostgresTestServer.psql(url, "SELECT pg_terminate_backend(\(before[0]))")
        #expect(await signals.after(up) != nil, "the loss is signalled")
        // Back by itself, on a new backend, nobody having asked it anything.
        var looks = 0
        while try Self.backends(of: url).filter({ $0 != before[0] }).count != 1 {
            looks += 1
            try #require(looks < 300, "the follower never connected again")
            try await Task.sleep(for: .milliseconds(100))
        }
        // The signal of being back comes once LISTEN is in place; the append after it is notified too.
        try await Task.sleep(for: .milliseconds(500))
        let back = signals.value
        let writer = try await PostgresIncidentStore.connect(address, environment: [:])
        _ = try await writer.openIncident(author: "ic", payloads: openingPayloads())
        #expect(await signals.after(back) != nil, "an append is notified on the new connection")
        let after = try Self.backends(of: url)
        #expect(after.count == 2 && !after.contains(before[0]), "\(after)")
        await writer.close()
        await follower.close()
    }
}
