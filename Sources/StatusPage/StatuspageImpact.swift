import IncidentModel

/// How bad, in the four words Statuspage's clients know: an incident's `impact`, and the page status's
/// `indicator` (from the worst incident still open).
enum StatuspageImpact: String, Encodable, Comparable {
    case none, minor, major, critical

    /// SEV1 critical, SEV2 major, SEV3 and SEV4 minor: Statuspage has no fourth step below minor.
    init(_ severity: Severity) {
        switch severity {
        case .sev1: self = .critical
        case .sev2: self = .major
        case .sev3, .sev4: self = .minor
        }
    }

    /// The sentence Statuspage shows beside the indicator in `status.json`.
    var statusDescription: String {
        switch self {
        case .none: "All Systems Operational"
        case .minor: "Minor Service Outage"
        case .major: "Partial System Outage"
        case .critical: "Major Service Outage"
        }
    }

    private var rank: Int {
        switch self {
        case .none: 0
        case .minor: 1
        case .major: 2
        case .critical: 3
        }
    }

    static func < (lhs: StatuspageImpact, rhs: StatuspageImpact) -> Bool { lhs.rank < rhs.rank }
}
