/// One thing the coach noticed in a briefing: which practice, the words that triggered it, and the fix.
public struct CoachFinding: Equatable, Sendable, Encodable {
    public let rule: String
    public let behavior: String
    public let finding: String
    /// The words as they appear in the briefing.
    public let words: [String]
    public let suggestion: String

    /// `hedging makes the team sound unsure ("I think", "hopefully"): state it as …`
    public var message: String {
        "\(summary): \(suggestion) — \(behavior)"
    }

    /// `hedging makes the team sound unsure ("I think", "hopefully")`: the finding and its words, for a
    /// line too short for the suggestion.
    public var summary: String {
        words.isEmpty ? finding : finding + " (" + words.map { "\"\($0)\"" }.joined(separator: ", ") + ")"
    }
}
