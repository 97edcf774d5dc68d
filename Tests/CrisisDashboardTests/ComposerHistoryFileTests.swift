import CrisisDashboard
import CrisisTestSupport
import Foundation
import Testing

/// Composer history outlives the dashboard, per person (issue 11: it was lost at every restart).
@Suite struct ComposerHistoryFileTests {
    @Test func linesComeBackInOrderWithTheirLineBreaks() throws {
        let directory = try TemporaryDirectory()
        let file = try #require(ComposerHistoryFile(author: "dana", environment: ["XDG_STATE_HOME": directory.url.path]))
        #expect(file.path == directory.url.path + "/crisis/history/dana.jsonl")
        #expect(file.load(limit: 10).isEmpty)
        for line in ["/deadline 20m check the lag", "a trace:\n    at main()", "\u{1B}[2J kept as data"] {
            file.append(line, limit: 10)
        }
        #expect(file.load(limit: 10) == ["/deadline 20m check the lag", "a trace:\n    at main()", "\u{1B}[2J kept as data"])
        #expect(file.load(limit: 1) == ["\u{1B}[2J kept as data"])
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "what people typed is readable by them only")
    }

    @Test func theFileIsCompactedButKeepsTheNewest() throws {
        let directory = try TemporaryDirectory()
        let file = try #require(ComposerHistoryFile(author: "bo", environment: ["XDG_STATE_HOME": directory.url.path]))
        for index in 1...25 { file.append("line \(index)", limit: 5) }
        #expect(file.load(limit: 5) == (21...25).map { "line \($0)" })
        let stored = try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n")
        #expect(stored.count <= 10)
    }

    @Test func authorsAreKeptApartAndNoNameLeavesTheFolder() throws {
        let home = ["HOME": "/home/ana"]
        #expect(ComposerHistoryFile(author: "../../etc/passwd", environment: home)?.path
            == "/home/ana/.local/state/crisis/history/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.jsonl")
        #expect(ComposerHistoryFile(author: "Ana Lima", environment: home)?.path
            != ComposerHistoryFile(author: "ana", environment: home)?.path)
        #expect(ComposerHistoryFile(author: "ana", environment: [:]) == nil)
    }
}
