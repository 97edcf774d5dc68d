import Foundation

/// A business-channel update, with the time of the next one it commits to and why that time (behavior 9).
public struct Briefing: Equatable, Sendable, Encodable {
    public let sequence: Int
    public let at: Date
    public let author: String
    public let text: String
    public let nextUpdateAt: Date
    public let reason: String?

    public init(sequence: Int, at: Date, author: String, text: String, nextUpdateAt: Date, reason: String?) {
        self.sequence = sequence
        self.at = at
        self.author = author
        self.text = text
        self.nextUpdateAt = nextUpdateAt
        self.reason = reason
    }
}
