import Foundation

/// A step in the incident's life, kept so the debrief can measure time to mitigation and resolution.
public struct StatusChange: Equatable, Sendable, Encodable {
    public let sequence: Int
    public let at: Date
    public let author: String
    public let status: IncidentStatus
}
