import IncidentModel

/// `crisis brief`: the briefing coach reads the briefing once its time is known and says on stderr what to
/// improve; with `--strict` it refuses the whole briefing while it finds anything.
enum CoachedBriefing {
    static func post(_ command: Command, text: String, chosenNext: Bool, why: String?, strict: Bool,
                     options: GlobalOptions) async throws {
        var findings: [CoachFinding] = []
        // The coach reads the briefing once its time is known: a clock time may land a day away.
        try await CommandContext.post(command, options: options) { payload, incident, now in
            guard case let .briefing(_, nextUpdateAt, _) = payload else { return }
            findings = BriefingCoach().review(text, commitment: BriefingCommitment(
                nextUpdateAt: nextUpdateAt, chosen: chosenNext, reason: why, cadence: incident?.cadence,
                now: now))
            if strict && !findings.isEmpty { throw Self.refusal(findings) }
        }
        for finding in findings {
            Output.warning("coach: \(finding.message)")
        }
    }

    /// One line naming every finding: `--strict` refuses the whole briefing, never part of it.
    static func refusal(_ findings: [CoachFinding]) -> CommandError {
        // What it found, in words, and the rule's name for 'crisis lint': a rule name alone sent people to a
        // second command to learn what was wrong (found in review).
        let summary = findings.map { "\($0.summary) [\($0.rule)]" }.joined(separator: "; ")
        return CommandError("the coach found \(findings.count) problem\(findings.count == 1 ? "" : "s"): \(summary); fix the briefing (see 'crisis lint'), or post without --strict")
    }
}
