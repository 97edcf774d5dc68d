import ArgumentParser
import Foundation
import IncidentModel
import IncidentSession

/// Runs the briefing coach on a text without posting it: for drafting, and for scripts.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a briefing with the coach, without posting it. Exits 1 when it has findings.")

    @Argument(help: "The briefing text.") var text: String
    @Option(help: ArgumentHelp("The next-update time the briefing would commit to.", valueName: "when")) var next: String?
    @Option(help: "Why the next update comes then.") var why: String?

    func run() throws {
        guard case let .brief(_, when, _) = try Command.brief(text, next: next, why: why) else { return }
        let now = try SessionClock.from(environment: ProcessInfo.processInfo.environment).now
        // No incident is read, so the cadence is unknown: what brief --strict adds is the far-promise check.
        let commitment = BriefingCommitment(nextUpdateAt: when?.resolve(now: now, timeZone: .current) ?? now,
                                            chosen: when != nil, reason: why, cadence: nil, now: now)
        let findings = BriefingCoach().review(text, commitment: commitment)
        guard !findings.isEmpty else {
            Output.line("clean: nothing for the coach to say")
            return
        }
        for finding in findings {
            Output.line("- \(finding.message)")
        }
        throw ExitCode(1)
    }
}
