import IncidentModel

/// An incident's `status` in Statuspage's words. crisis has two more steps than Statuspage: `mitigated`
/// reads as `monitoring` (the harm is contained, we are watching), and `closed` as `resolved`.
/// Statuspage's `postmortem` has no crisis counterpart and is never written.
enum StatuspageIncidentStatus: String, Encodable {
    case investigating, identified, monitoring, resolved, postmortem

    init(_ status: IncidentStatus) {
        switch status {
        case .investigating: self = .investigating
        case .identified: self = .identified
        case .monitoring, .mitigated: self = .monitoring
        case .resolved, .closed: self = .resolved
        }
    }
}
