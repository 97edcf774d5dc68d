import Foundation

/// The numbered items a verb can point at (`D2`, `Q1`, `A3`, `F1`): how a reference is written and what a
/// message calls the item, so every verb that takes one reads and refuses it the same way.
public enum ItemReference: Sendable, CaseIterable {
    case deadline, question, request, followUp

    /// The letter before the number: `D` in `D2`.
    public var prefix: String {
        switch self {
        case .deadline: "D"
        case .question: "Q"
        case .request: "A"
        case .followUp: "F"
        }
    }

    /// The item with its article, for messages: "'x' is not a deadline".
    var noun: String {
        switch self {
        case .deadline: "a deadline"
        case .question: "a question"
        case .request: "a request"
        case .followUp: "a follow-up"
        }
    }

    /// `D3`, `d3` or `3` for deadline 3.
    public func number(_ reference: String) throws(CommandError) -> Int {
        var digits = Substring(reference.trimmingCharacters(in: .whitespaces))
        if digits.uppercased().hasPrefix(prefix) { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count < 10, digits.allSatisfy(\.isASCIIDigit), let n = Int(digits), n > 0 else {
            throw CommandError("'\(reference)' is not \(noun): use \(prefix)<number>, like \(prefix)1")
        }
        return n
    }

    /// Whether `word` reads as a reference to this kind of item.
    public func matches(_ word: String) -> Bool {
        (try? number(word)) != nil
    }
}
