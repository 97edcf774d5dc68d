import Foundation

/// Who holds a lead role from a point on, and how to reach them; each new one is a handoff, and the earlier
/// ones stay on record.
public struct RoleAssignment: Equatable, Sendable, Encodable {
    public let role: IncidentRole
    public let sequence: Int
    public let at: Date
    /// Who recorded the handoff.
    public let author: String
    public let name: String
    public let phone: String?
}
