import Foundation

/// A written deadline for the next diagnostic step (behavior 4). Slips keep the original time.
public struct Deadline: Equatable, Sendable, Codable {
    public enum Outcome: String, Equatable, Sendable, Codable {
        /// The step was done in time (or late, which `dueAt` versus `closedAt` tells).
        case met
        /// The theory was chopped: the discipline the deadline exists for.
        case dropped
    }

    /// One postponement, kept forever with its reason.
    public struct Slip: Equatable, Sendable, Codable {
        public let sequence: Int
        public let at: Date
        public let author: String
        public let from: Date
        public let to: Date
        public let reason: String
    }

    /// `D<number>`, counted in the order deadlines were set.
    public let number: Int
    public let sequence: Int
    public let setAt: Date
    public let author: String
    public let text: String
    public let owner: String?
    /// The time first written down, which no slip changes.
    public let originalDueAt: Date
    public internal(set) var dueAt: Date
    public internal(set) var slips: [Slip] = []
    public internal(set) var outcome: Outcome?
    public internal(set) var outcomeNote: String?
    public internal(set) var closedAt: Date?

    public var label: String { "D\(number)" }
    public var isOpen: Bool { outcome == nil }

    /// How long after its (slipped) due time the deadline was met; nil when it was met in time,
    /// dropped, or is still open. A late meet is still a meet, but the debrief says it was late.
    public var lateBy: TimeInterval? {
        guard outcome == .met, let closedAt, closedAt > dueAt else { return nil }
        return closedAt.timeIntervalSince(dueAt)
    }

    public init(number: Int, sequence: Int, setAt: Date, author: String, text: String, owner: String?, dueAt: Date) {
        self.number = number
        self.sequence = sequence
        self.setAt = setAt
        self.author = author
        self.text = text
        self.owner = owner
        self.originalDueAt = dueAt
        self.dueAt = dueAt
    }
}
