import ArgumentParser
import IncidentModel

/// Runs the briefing coach on a text without posting it: for drafting, and for scripts.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a briefing with the coach, without posting it. Exits 1 when it has findings.")

    @Argument(help: "The briefing text.") var text: String
    @Option(help: ArgumentHelp("The next-update time the briefing would commit to.", valueName: "when")) var next: String?
    @Option(help: "Why the next update comes then.") var why: String?

    func run() throws {
        _ = try Command.brief(text, next: next, why: why)
        let findings = BriefingCoach().review(text, committedTime: next != nil, reason: why)
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
