import CrisisTestSupport
import Foundation
import IncidentModel
import IncidentStore
import Testing

/// A follower that stops following gives back what it held: its watcher thread and its descriptors,
/// even when nothing was ever written (the thread is then asleep with no timeout).
@Suite struct FileChangeSignalTests {
    private func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }

    /// Threads still watching the directory (named in FileChangeSignal).
    private func watcherThreads() -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { task in
            let name = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
            return name.hasPrefix("crisis-watch")
        }.count
    }

    @Test func aCancelledFollowerLeavesNothingBehind() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteIncidentStore(path: directory.path("crisis.db"), create: true)
        _ = try await store.openIncident(author: "ic", payloads: openingPayloads())
        // The runtime opens a timer descriptor the first time a task sleeps: let it do so before counting.
        try await Task.sleep(for: .milliseconds(1))
        let threadsBefore = watcherThreads()
        let before = openDescriptors()
        let followers = (0..<5).map { _ in
            Task { for await _ in store.changes() {} }
        }
        // Wait (bounded) until every watcher is up, then stop them all without a single write.
        var deadline = Date().addingTimeInterval(10)
        while watcherThreads() < threadsBefore + 5 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(watcherThreads() == threadsBefore + 5)
        followers.forEach { $0.cancel() }
        for follower in followers { await follower.value }

        deadline = Date().addingTimeInterval(10)
        while (watcherThreads() > threadsBefore || openDescriptors() > before) && Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(watcherThreads() == threadsBefore, "watcher threads outlived their streams")
        #expect(openDescriptors() <= before, "descriptors leaked")
    }
}
