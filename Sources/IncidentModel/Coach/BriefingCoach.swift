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

    public init(rules: CoachRules = .bundled) {
        compiled = rules.rules.map { rule in
            CompiledRule(
                rule: rule,
                expressions: rule.phrases.map(Self.phraseExpression)
                    + rule.patterns.compactMap { try? NSRegularExpression(pattern: $0, options: [.anchorsMatchLines]) },
                exceptions: (rule.unlessPhrases ?? []).map(Self.phraseExpression))
        }
        missingReason = rules.missingReason
    }

    /// The findings for a briefing's text; `committedTime` says whether it sets a next-update time and
    /// `reason` is the why given for it.
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
        if committedTime && (reason?.allSatisfy(\.isWhitespace) ?? true) {
            findings.append(CoachFinding(rule: missingReason.id, behavior: missingReason.behavior,
                                         finding: missingReason.finding, words: [],
                                         suggestion: missingReason.suggestion))
        }
        return findings
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
