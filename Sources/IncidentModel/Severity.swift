import Foundation

/// How bad the incident is, SEV1 (business down) to SEV4 (minor).
public enum Severity: Int, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case sev1 = 1, sev2, sev3, sev4

    /// How long the customer waits between briefings unless the incident says otherwise.
    /// A SEV1 customer is refreshing their inbox; a SEV4 customer is not.
    public var defaultCadence: TimeInterval {
        switch self {
        case .sev1: 20 * 60
        case .sev2: 30 * 60
        case .sev3: 60 * 60
        case .sev4: 4 * 60 * 60
        }
    }

    /// SEV1 and SEV2 need a named, reachable owner at all times (behavior 11).
    public var requiresOwner: Bool { self <= .sev2 }

    public var description: String { "SEV\(rawValue)" }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}
