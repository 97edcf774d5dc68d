import CrisisTestSupport
import Foundation
import Testing

/// Several people posting at the same moment from their own terminals: separate processes, one file.
@Suite struct ConcurrentWritersTests {
    /// The store each run uses: a SQLite file in the directory, or a fresh database on the test server.
    enum Store: String, CaseIterable, Sendable {
        case sqlite, postgres

        func database(in directory: TemporaryDirectory) throws -> String {
            switch self {
            case .sqlite: directory.path("crisis.db")
            case .postgres: try PostgresTestServer.shared.get().freshDatabase()
            }
        }
    }

    @Test(arguments: Store.allCases)
    func eightWriterProcessesLoseAndDuplicateNothing(store: Store) throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url, database: try store.database(in: directory))
        try crisis.ok(["open", "Everyone posts at once", "--severity", "1"])

        let writers = 8, postsEach = 25
        let processes = try (1...writers).map { writer -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            // Each writer is its own shell loop of separate crisis processes, as people at terminals would be.
            process.arguments = ["-c", """
                i=1; while [ $i -le \(postsEach) ]; do
                  "$CRISIS_BINARY" note "writer \(writer) post $i" >/dev/null || exit 1
                  i=$((i+1))
                done
                """]
            process.environment = crisis.environment.merging([
                "CRISIS_BINARY": CrisisProcess.binary.path, "CRISIS_AUTHOR": "writer\(writer)",
            ]) { $1 }
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }

        let lines = try crisis.ok(["log", "--json"]).split(separator: "\n")
        let events = try lines.map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(events.count == 1 + writers * postsEach)
        #expect(events.compactMap { $0["sequence"] as? Int } == Array(1...(1 + writers * postsEach)))
        let texts = events.compactMap { $0["text"] as? String }
        #expect(Set(texts).count == texts.count, "a post was duplicated")
        for writer in 1...writers {
            for post in 1...postsEach {
                #expect(texts.contains("writer \(writer) post \(post)"))
            }
        }
        // Recorded times never run backwards along the sequence.
        let times = events.compactMap { $0["recordedAt"] as? String }
        #expect(times == times.sorted())
    }

    @Test(arguments: Store.allCases)
    func logFollowShowsWhatAnotherProcessAppends(store: Store) throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url, database: try store.database(in: directory))
        try crisis.ok(["open", "Follow me", "--severity", "2"])

        let follower = Process()
        follower.executableURL = CrisisProcess.binary
        follower.arguments = ["log", "--follow"]
        follower.environment = crisis.environment
        let output = Pipe()
        follower.standardOutput = output
        follower.standardError = FileHandle.nullDevice
        try follower.run()
        defer { if follower.isRunning { follower.terminate() } }

        let collected = LockedText()
        output.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        #expect(collected.waitFor("opened SEV2", seconds: 20))
        try crisis.ok(["note", "posted from another terminal"])
        #expect(collected.waitFor("posted from another terminal", seconds: 20))
        try crisis.ok(["brief", "Second post", "--next", "30m", "--why", "next checkpoint"])
        #expect(collected.waitFor("Second post", seconds: 20))
        output.fileHandleForReading.readabilityHandler = nil
    }
}

/// Text collected from a pipe on another thread, with a bounded wait for an expected piece.
final class LockedText: @unchecked Sendable {
    // @unchecked: `text` is only touched under `lock`.
    private let lock = NSLock()
    private var text = ""

    func append(_ data: Data) {
        lock.withLock { text += String(decoding: data, as: UTF8.self) }
    }

    /// Polls in small steps until `piece` shows up or the limit passes; the limit is a safety net, not a measure.
    func waitFor(_ piece: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if lock.withLock({ text.contains(piece) }) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return lock.withLock { text.contains(piece) }
    }
}
