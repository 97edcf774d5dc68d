import Foundation
import IncidentModel

/// Which incidents the board shows: some customers, some severities, or all. Typed as `/filter acme sev1
/// sev2` (or `sev<=2`), cleared by `/filter` alone, and kept per person between runs.
public struct BoardFilter: Codable, Equatable, Sendable {
    /// Customers in lower case; empty means every customer.
    public var customers: Set<String> = []
    /// Severities by number; empty means every severity.
    public var severities: Set<Int> = []

    public init(customers: Set<String> = [], severities: Set<Int> = []) {
        self.customers = customers
        self.severities = severities
    }

    public var isEmpty: Bool { customers.isEmpty && severities.isEmpty }

    public func admits(_ digest: IncidentDigest) -> Bool {
        (severities.isEmpty || severities.contains(digest.severity.rawValue))
            && (customers.isEmpty || customers.contains { Self.names($0, digest.customer ?? "") })
    }

    /// Whether `term` names `customer`: its words, as a run of whole words of the name, case aside. So `acme`
    /// and `"acme retail"` both pick "Acme Retail" (found in review: only the whole name in one word did), and
    /// `acm` picks nothing.
    static func names(_ term: String, _ customer: String) -> Bool {
        let wanted = term.lowercased().split(whereSeparator: \.isWhitespace)
        let words = customer.lowercased().split(whereSeparator: \.isWhitespace)
        guard !wanted.isEmpty, wanted.count <= words.count else { return false }
        return (0...(words.count - wanted.count)).contains { start in
            Array(words[start..<(start + wanted.count)]) == wanted
        }
    }

    /// `ACME, SEV1-2`: what the board's header says it is showing.
    public var summary: String {
        var parts = customers.sorted()
        if !severities.isEmpty {
            parts.append(severities.sorted().map { "SEV\($0)" }.joined(separator: "/"))
        }
        return parts.joined(separator: ", ")
    }

    public static let accepted = "customer names (a word of one, or \"Acme Retail\" in quotes) and severities like sev1, sev2 or sev<=2; '/filter' alone shows every incident"

    /// The words after `/filter`: each `sevN` or `sev<=N` picks severities, anything else is a customer.
    public static func parse(_ words: [String]) throws(CommandError) -> BoardFilter {
        var filter = BoardFilter()
        for word in words {
            let lowered = word.lowercased()
            if lowered.hasPrefix("sev<=") {
                guard let most = Int(lowered.dropFirst(5)), (1...4).contains(most) else {
                    throw CommandError("'\(word)' is not a severity: use \(accepted)")
                }
                filter.severities.formUnion(1...most)
            } else if lowered.hasPrefix("sev"), let number = Int(lowered.dropFirst(3)) {
                guard (1...4).contains(number) else { throw CommandError("'\(word)' is not a severity: SEV1 to SEV4") }
                filter.severities.insert(number)
            } else {
                filter.customers.insert(lowered)
            }
        }
        return filter
    }
}
