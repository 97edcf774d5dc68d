import Foundation

/// Something we asked the customer to do, with why it could not be avoided (behavior 10).
public struct CustomerRequest: Equatable, Sendable, Encodable {
    /// `A<number>`, counted in the order requests were made.
    public let number: Int
    public let sequence: Int
    public let at: Date
    public let author: String
    public let text: String
    public let reason: String
    public internal(set) var doneAt: Date?

    public var label: String { "A\(number)" }
    public var isOpen: Bool { doneAt == nil }

    public init(number: Int, sequence: Int, at: Date, author: String, text: String, reason: String) {
        self.number = number
        self.sequence = sequence
        self.at = at
        self.author = author
        self.text = text
        self.reason = reason
    }
}
