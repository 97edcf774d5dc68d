import Foundation

/// Reads a business briefing the way a seasoned account manager would before it goes out, and says what
/// to fix. It advises; only `--strict` turns its findings into a refusal.
public struct BriefingCoach: Sendable {
    private struct CompiledRule: @unchecked Sendable {
        // @unchecked: NSRegularExpression is immutable after creation and documented thread-safe.
        let rule: CoachRules.Rule
        let expressions: [NSRegularExpression]
        let exceptions: [NSRegularExpression]
    }

    private let compiled: [CompiledRule]
    private let missingReason: CoachRules.StructuralRule
    private let noCommitment: CoachRules.StructuralRule
    private let farPromise: CoachRules.FarPromiseRule

    /// The bundled rules, compiled once for a process that reviews many briefings (a dashboard does, as
    /// they are typed).
    public static let bundled = BriefingCoach()

    public init(rules: CoachRules = .bundled) {
        compiled = rules.rules.map { rule in
            CompiledRule(
                rule: rule,
                expressions: rule.phrases.map(Self.phraseExpression)
                    + rule.patterns.compactMap { try? NSRegularExpression(pattern: $0, options: [.anchorsMatchLines]) },
                exceptions: (rule.unlessPhrases ?? []).map(Self.phraseExpression))
        }
        missingReason = rules.missingReason
        noCommitment = rules.noCommitment
        farPromise = rules.farPromise
    }

    /// The findings for a briefing about to be posted: its words, and what it commits to — a time with a
    /// reason, or, left to the cadence, at least a reason; and a time not far beyond the cadence.
    ///
    /// ```swift
    /// coach.review("We are rolling back", commitment: BriefingCommitment(
    ///     nextUpdateAt: now + 86_000, chosen: true, reason: "done by then", cadence: 1_200, now: now))
    /// // [far-promise: "the next update is 23h53m away, far beyond the 20m cadence"]
    /// ```
    public func review(_ text: String, commitment: BriefingCommitment) -> [CoachFinding] {
        var findings = review(text, committedTime: commitment.chosen, reason: commitment.reason)
        if !commitment.chosen && Self.isBlank(commitment.reason) {
            findings.append(CoachFinding(rule: noCommitment.id, behavior: noCommitment.behavior,
                                         finding: noCommitment.finding, words: [], suggestion: noCommitment.suggestion))
        }
        let away = commitment.nextUpdateAt.timeIntervalSince(commitment.now)
        if let cadence = commitment.cadence, cadence > 0,
           away > cadence * farPromise.beyondCadences, away > farPromise.atLeastSeconds {
            let finding = farPromise.finding
                .replacingOccurrences(of: "{away}", with: Countdown.span(away))
                .replacingOccurrences(of: "{cadence}", with: DurationText.format(cadence))
            findings.append(CoachFinding(rule: farPromise.id, behavior: farPromise.behavior, finding: finding,
                                         words: [], suggestion: farPromise.suggestion))
        }
        return findings
    }

    /// The findings for a briefing's text; `committedTime` says whether it sets a next-update time and
    /// `reason` is the why given for it. For a draft being typed, before its time is known.
    public func review(_ text: String, committedTime: Bool = true, reason: String? = nil) -> [CoachFinding] {
        var findings: [CoachFinding] = []
        let range = NSRange(text.startIndex..., in: text)
        for entry in compiled {
            var words: [String] = []
            for expression in entry.expressions {
                for match in expression.matches(in: text, range: range) {
                    guard let matched = Range(match.range, in: text) else { continue }
                    let word = text[matched].trimmingCharacters(in: .whitespacesAndNewlines)
                    if !words.contains(where: { $0.caseInsensitiveCompare(word) == .orderedSame }) {
                        words.append(word)
                    }
                }
            }
            guard !words.isEmpty else { continue }
            if entry.exceptions.contains(where: { $0.firstMatch(in: text, range: range) != nil }) { continue }
            findings.append(CoachFinding(rule: entry.rule.id, behavior: entry.rule.behavior,
                                         finding: entry.rule.finding, words: words,
                                         suggestion: entry.rule.suggestion))
        }
        if committedTime && Self.isBlank(reason) {
            findings.append(CoachFinding(rule: missingReason.id, behavior: missingReason.behavior,
                                         finding: missingReason.finding, words: [],
                                         suggestion: missingReason.suggestion))
        }
        return findings
    }

    private static func isBlank(_ reason: String?) -> Bool {
        reason?.allSatisfy(\.isWhitespace) ?? true
    }

    /// A phrase as a case-insensitive whole-word match, tolerant of curly apostrophes and runs of spaces.
    private static func phraseExpression(_ phrase: String) -> NSRegularExpression {
        let words = phrase.split(separator: " ").map { word in
            NSRegularExpression.escapedPattern(for: String(word)).replacingOccurrences(of: "'", with: "['’]")
        }
        let pattern = "(?<![\\w])" + words.joined(separator: "\\s+") + "(?![\\w])"
        // The phrase is escaped above, so this pattern always compiles.
        return try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }
}
