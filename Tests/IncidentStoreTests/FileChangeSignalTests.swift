import CrisisTestSupport
import Foundation
import IncidentModel
@testable import IncidentStore
import Testing

/// A follower that stops following gives back its watcher thread, even when nothing was ever written
/// (the thread is then asleep in poll() with no timeout, which closing a descriptor does not interrupt).
@Suite struct FileChangeSignalTests {
    @Test func aCancelledFollowerLeavesNoWatcherBehind() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteIncidentStore(path: directory.path("crisis.db"), create: true)
        _ = try await store.openIncident(author: "ic", payloads: openingPayloads())
        // Counted for this test's own directory, so watchers of tests running alongside do not interfere.
        func watchers() -> Int { FileChangeSignal.liveWatchers.withLock { $0[directory.url.path, default: 0] } }

        let followers = (0..<5).map { _ in
            Task { for await _ in store.changes() {} }
        }
        var deadline = Date().addingTimeInterval(30)
        while watchers() < 5 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(watchers() == 5)
        followers.forEach { $0.cancel() }
        for follower in followers { await follower.value }

        deadline = Date().addingTimeInterval(30)
        while watchers() > 0 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(watchers() == 0, "watcher threads outlived their streams")
    }
}
