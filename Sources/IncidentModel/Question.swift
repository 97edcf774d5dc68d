import Foundation

/// A gap in understanding, open until someone answers it (behavior 6).
public struct Question: Equatable, Sendable, Encodable {
    public struct Answer: Equatable, Sendable, Encodable {
        public let sequence: Int
        public let at: Date
        public let author: String
        public let text: String
    }

    /// `Q<number>`, counted in the order questions were asked.
    public let number: Int
    public let sequence: Int
    public let askedAt: Date
    public let author: String
    public let text: String
    /// Every answer given; a later one can correct an earlier one.
    public internal(set) var answers: [Answer] = []

    public var label: String { "Q\(number)" }
    public var isOpen: Bool { answers.isEmpty }

    public init(number: Int, sequence: Int, askedAt: Date, author: String, text: String) {
        self.number = number
        self.sequence = sequence
        self.askedAt = askedAt
        self.author = author
        self.text = text
    }
}
