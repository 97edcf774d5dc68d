import ArgumentParser
import Foundation
import IncidentStore

/// `crisis rebuild-summaries`: throws away the summary kept beside each incident's log and folds every log
/// again. Never needed for correctness (a summary that lags is caught up by its next reader); it is the way
/// back after a summary was damaged, and the proof that the summaries are only a cache.
struct RebuildSummariesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild-summaries",
        abstract: "Rebuild every incident's summary (what the board and 'crisis list' read) from its log.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try await CommandContext(global)
        let started = ContinuousClock.now
        let count = try await context.store.rebuildDigests()
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        Output.line("rebuilt the summaries of \(count) incident\(count == 1 ? "" : "s") from the log in \(milliseconds) ms")
    }
}
