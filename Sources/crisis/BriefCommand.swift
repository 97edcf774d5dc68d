import ArgumentParser
import IncidentModel

struct BriefCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Post a business briefing; it commits to the time of the next update.",
        discussion: "The briefing coach reads it first and says on stderr what to improve; --strict refuses to post while it finds anything.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The briefing, for the customer's business people.") var text: String
    @Option(help: ArgumentHelp("When the next update comes. Default: one cadence from now.", valueName: "when"))
    var next: String?
    @Option(help: "Why the next update comes then (behavior 9: explain why).") var why: String?
    @Flag(help: "Refuse to post while the coach has findings.") var strict = false

    func run() async throws {
        let command = try Command.brief(text, next: next, why: why)
        var findings: [CoachFinding] = []
        // The coach reads the briefing once its time is known: a clock time may land a day away.
        try await CommandContext.post(command, options: global) { payload, incident, now in
            guard case let .briefing(_, nextUpdateAt, _) = payload else { return }
            findings = BriefingCoach().review(text, commitment: BriefingCommitment(
                nextUpdateAt: nextUpdateAt, chosen: next != nil, reason: why, cadence: incident?.cadence,
                now: now))
            if strict && !findings.isEmpty { throw Self.refusal(findings) }
        }
        for finding in findings {
            Output.warning("coach: \(finding.message)")
        }
    }

    /// One line naming every finding: `--strict` refuses the whole briefing, never part of it.
    static func refusal(_ findings: [CoachFinding]) -> CommandError {
        let summary = findings.map { finding in
            finding.rule + (finding.words.isEmpty ? "" : " " + finding.words.map { "\"\($0)\"" }.joined(separator: ", "))
        }.joined(separator: "; ")
        return CommandError("the coach found \(findings.count) problem\(findings.count == 1 ? "" : "s") (\(summary)): fix the briefing (see 'crisis lint'), or post without --strict")
    }
}
