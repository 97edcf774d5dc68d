import CrisisTestSupport
import Foundation
import IncidentStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The dashboard under volume: an incident of 100 000 entries, and 16 writer processes posting 4 000 events
/// while two dashboards follow. Waits are bounded polls on the screen; the times are printed, never asserted.
@Suite(.serialized, .enabled(if: Tmux.isAvailable && SQLiteShell.isAvailable, "tmux and sqlite3 are needed"))
struct LoadEndToEndTests {
    enum Store: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    @Test func theDashboardOpensOnAHundredThousandEntriesAndShowsTheNewest() throws {
        let world = try World()
        defer { world.tearDown() }
        let database = try #require(world.environment["CRISIS_DB"])
        // Opened four hours ago, so 100 000 entries 100 ms apart all lie in the past.
        let opened = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-4 * 3600))
        try world.shell("CRISIS_NOW=\(opened) '\(world.binary.path)' open 'A very long incident' --severity 2 >/dev/null 2>&1")
        try SQLiteShell.appendBulk(database, count: 99_999)

        let tmux = try Tmux(width: 120, height: 40, environment: world.environment)
        defer { tmux.killWithPane() }
        try tmux.startShell(width: 120, height: 40, prompt: "big$ ")
        let started = Date()
        try tmux.type("exec \(world.binary.path) dashboard --as tester", enter: true)
        try tmux.waitFor("the newest entry on the first frame", seconds: 120) { screen in
            screen.contains("NEXT UPDATE") && screen.contains("entry 100000")
        }
        let firstFrame = Date().timeIntervalSince(started)
        let screen = try tmux.capture()
        #expect(screen.contains("100 open questions"), "the strip counts every open question:\n\(screen)")
        #expect(screen.contains("entry 99999"))

        // It still follows: a post from another shell appears.
        let posted = Date()
        try world.crisis(["note", "one more after the flood", "--as", "bo"])
        try tmux.waitFor("a new post on top of 100 000", seconds: 120) { $0.contains("bo one more after the flood") }
        let follow = Date().timeIntervalSince(posted)

        // And it takes keys: a note typed into it.
        try tmux.type("typed on a big incident", enter: true)
        try tmux.waitFor("the typed note", seconds: 120) { $0.contains("tester typed on a big incident") }
        #expect(try world.crisis(["log"]).contains("#100002"))
        print(String(format: "100 000 entries: dashboard first frame %.2fs, another process's post shown in %.2fs",
                     firstFrame, follow))
    }

    @Test(arguments: Store.allCases)
    func sixteenWritersWhileTwoDashboardsFollow(store: Store) throws {
        // SQLite on a memory file system when there is one: each commit's fsync costs ~10 ms on a virtual disk,
        // which would make this a test of the disk, not of 16 writers and 2 followers on one log.
        let memory = "/dev/shm/crisis-load-\(UUID().uuidString)"
        let database: String?
        switch store {
        case .sqlite:
            let onMemory = (try? FileManager.default.createDirectory(atPath: memory, withIntermediateDirectories: false)) != nil
            database = onMemory ? memory + "/crisis.db" : nil
        case .postgres:
            database = try PostgresTestServer.shared.get().freshDatabase()
        }
        defer { try? FileManager.default.removeItem(atPath: memory) }
        let world = try World(database: database)
        defer { world.tearDown() }
        // The outbox file is named after the store as crisis shows it (a URL without its password).
        let address = try StoreAddress.resolve(option: nil, environment: world.environment).displayName
        try world.crisis(["open", "Everyone at once", "--severity", "2"])

        let walls = try [(120, 40, "--read-only"), (100, 30, "--channel technical")].map { width, height, options in
            let tmux = try Tmux(width: width, height: height, environment: world.environment)
            try tmux.startShell(width: width, height: height, prompt: "wall$ ")
            try tmux.type("exec \(world.binary.path) dashboard \(options) --as watcher", enter: true)
            return tmux
        }
        defer { walls.forEach { $0.killWithPane() } }
        for wall in walls {
            try wall.waitFor("the dashboard", seconds: 60) { $0.contains("NEXT UPDATE") && $0.contains("0 open questions") }
        }

        // 16 writer processes, each appending its 250 questions one transaction at a time: a crisis process
        // sends its outbox, in order, before anything else (what a laptop does on reconnecting).
        let writers = 16, postsEach = 250
        func text(_ writer: Int, _ post: Int) -> String { "w\(writer) post \(post)" }
        for writer in 1...writers {
            try OutboxFile.write(stateHome: world.directory.appendingPathComponent("state\(writer)").path,
                                 store: address, incident: 1, author: "writer\(writer)", kind: "question",
                                 texts: (1...postsEach).map { text(writer, $0) })
        }
        let started = Date()
        let processes = try (1...writers).map { writer in
            try BackgroundProcess(world.binary.path, ["list"], environment: world.environment.merging([
                "XDG_STATE_HOME": world.directory.appendingPathComponent("state\(writer)").path,
            ]) { $1 })
        }
        for (writer, process) in zip(1..., processes) {
            #expect(process.wait() == 0, "writer \(writer): \(process.stderr)")
            #expect(process.stderr.contains("sent \(postsEach) entries"), "writer \(writer): \(process.stderr)")
        }
        let writing = Date().timeIntervalSince(started)

        // Every event exactly once, gapless, each writer's in its own order.
        let events = try world.crisis(["log", "--json"]).split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let total = 1 + writers * postsEach
        #expect(events.count == total)
        let gapless = events.compactMap { $0["sequence"] as? Int } == Array(1...total)
        #expect(gapless, "sequence numbers 1...\(total)")
        let texts = events.compactMap { $0["text"] as? String }
        for writer in 1...writers {
            let mine = texts.filter { $0.hasPrefix("w\(writer) post ") }
            let onceEachInOrder = mine == (1...postsEach).map { text(writer, $0) }
            #expect(onceEachInOrder, "writer \(writer): \(mine.count) posts, not each once in order")
        }
        let last = try #require(texts.last)

        // Both dashboards end on the same log: every question counted once, the very last post on screen.
        for (index, wall) in walls.enumerated() {
            try wall.waitFor("dashboard \(index + 1) caught up", seconds: 120) { screen in
                screen.contains("\(writers * postsEach) open questions") && screen.contains(last)
            }
            let screen = try wall.capture()
            #expect(screen.contains("Q\(writers * postsEach)?"), "the last label is Q\(writers * postsEach):\n\(screen)")
        }
        let caughtUp = Date().timeIntervalSince(started)
        print(String(format: "%@: 16 writers x 250 events: written in %.2fs (%.0f events/s); both dashboards caught up after %.2fs",
                     store.rawValue, writing, Double(writers * postsEach) / writing, caughtUp))
    }
}

extension Tmux {
    /// Ends the dashboard the pane `exec`ed, even a stopped one, then the server: a stopped process would keep
    /// the server (and itself) alive after `kill-server`.
    func killWithPane() {
        if let text = try? output(["list-panes", "-a", "-F", "#{pane_pid}"]) {
            for pid in text.split(separator: "\n").compactMap({ pid_t($0.trimmingCharacters(in: .whitespaces)) }) where pid > 1 {
                Glibc.kill(pid, SIGCONT)
                Glibc.kill(pid, SIGKILL)
            }
        }
        kill()
    }

    /// `waitFor` with a bound of the caller's choosing, for work that takes long on a loaded machine.
    func waitFor(_ what: String, seconds: Double, _ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = (try? capture()) ?? ""
            if condition(screen) { return }
            usleep(50_000)
        }
        screen = (try? capture()) ?? ""
        if condition(screen) { return }
        throw E2EError("never saw \(what) within \(Int(seconds))s; the screen was:\n\(screen)")
    }
}
