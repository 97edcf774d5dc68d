import Foundation

/// The single accountable person and how to reach them (behavior 11); each new one is a handoff.
public struct OwnerAssignment: Equatable, Sendable, Encodable {
    public let sequence: Int
    public let at: Date
    /// Who recorded the handoff.
    public let author: String
    public let name: String
    public let phone: String
}
