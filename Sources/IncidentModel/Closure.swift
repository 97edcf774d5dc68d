import Foundation

/// The customer's word that it is fixed.
public struct CustomerConfirmation: Equatable, Sendable, Encodable {
    public let sequence: Int
    public let at: Date
    /// Who recorded it.
    public let author: String
    /// The customer's person who confirmed.
    public let by: String
    public let note: String?
}

/// How the incident was closed: after the customer confirmed, or without it and why.
public struct Closure: Equatable, Sendable, Encodable {
    public let sequence: Int
    public let at: Date
    public let author: String
    public let unconfirmedReason: String?
    /// Why it closed with questions, deadlines or requests of the customer still open.
    public let openItemsReason: String?
}

/// A call back to the customer once things are calm: what was wrong, what prevents a repeat.
public struct FollowUp: Equatable, Sendable, Codable {
    /// `F<number>`, counted in the order follow-ups were scheduled.
    public let number: Int
    public let sequence: Int
    public let at: Date
    public let author: String
    public let dueAt: Date
    public let text: String
    public internal(set) var doneAt: Date?

    public var label: String { "F\(number)" }
    public var isOpen: Bool { doneAt == nil }

    public func isDue(now: Date) -> Bool { isOpen && dueAt <= now }
}
