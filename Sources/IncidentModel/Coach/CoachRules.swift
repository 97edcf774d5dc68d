import Foundation

/// The briefing coach's word lists, read from `coach-rules.json`, which the build embeds in the binary.
public struct CoachRules: Decodable, Sendable {
    /// One check: words and patterns that signal a habit the practices warn against.
    public struct Rule: Decodable, Sendable {
        public let id: String
        /// The practice it serves, as the source articles name it.
        public let behavior: String
        public let finding: String
        public let suggestion: String
        public let phrases: [String]
        public let patterns: [String]
        /// The rule stays quiet when any of these is present too (a "can't" next to a "we will").
        public let unlessPhrases: [String]?
    }

    /// A check that is not about words: a next-update time with no reason, or no time and no reason.
    public struct StructuralRule: Decodable, Sendable {
        public let id: String
        public let behavior: String
        public let finding: String
        public let suggestion: String
    }

    /// The check on how far off a promised update lies: it fires beyond `beyondCadences` times the cadence,
    /// and only when that is also more than `atLeastSeconds` (three 5-minute cadences are no cause for alarm).
    /// `{away}` and `{cadence}` in the finding are filled in with the spans.
    public struct FarPromiseRule: Decodable, Sendable {
        public let id: String
        public let behavior: String
        public let finding: String
        public let suggestion: String
        public let beyondCadences: Double
        public let atLeastSeconds: TimeInterval
    }

    public let rules: [Rule]
    public let missingReason: StructuralRule
    /// Neither a time nor a reason: the update falls back on the cadence without a word of why.
    public let noCommitment: StructuralRule
    public let farPromise: FarPromiseRule

    /// The rules that ship with crisis.
    public static let bundled: CoachRules = {
        do {
            return try JSONDecoder().decode(CoachRules.self, from: Data(PackageResources.coach_rules_json))
        } catch {
            // The file is part of the source tree and covered by tests; a broken one is a build defect.
            fatalError("coach-rules.json cannot be read: \(error)")
        }
    }()
}
