import Foundation
import IncidentModel

/// One incident as Statuspage's API v2 gives it (`incidents.json`, `incidents/unresolved.json`), with its
/// updates newest first, plus our `next_update_at`. Every key is written, null when it has no value: a
/// Statuspage client reads `resolved_at: null` as "not resolved", and may fail on a missing key.
struct StatuspageIncident: Encodable {
    let incident: PageIncident
    let pageURL: String
    let pageID: String

    /// Where it stands as far as the customer was told: the newest notice's status.
    var status: StatuspageIncidentStatus { StatuspageIncidentStatus(incident.latest.status) }

    /// When the customer was first told the harm is contained: the first notice saying monitoring or
    /// mitigated.
    var monitoringAt: Date? {
        incident.updates.first { $0.status == .monitoring || $0.status == .mitigated }?.postedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, status, impact, shortlink, components
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case startedAt = "started_at"
        case monitoringAt = "monitoring_at"
        case resolvedAt = "resolved_at"
        case pageID = "page_id"
        case incidentUpdates = "incident_updates"
        case nextUpdateAt = "next_update_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(incident.id.description, forKey: .id)
        try container.encode(incident.title, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(StatuspageImpact(incident.severity), forKey: .impact)
        try container.encodeStatuspageTime(incident.openedAt, forKey: .createdAt)
        try container.encodeStatuspageTime(incident.updatedAt, forKey: .updatedAt)
        // crisis knows when the incident was opened, not when the harm began: the same moment here.
        try container.encodeStatuspageTime(incident.openedAt, forKey: .startedAt)
        try container.encodeStatuspageTime(monitoringAt, forKey: .monitoringAt)
        try container.encodeStatuspageTime(incident.closedAt, forKey: .resolvedAt)
        try container.encode(pageURL, forKey: .shortlink)
        try container.encode(pageID, forKey: .pageID)
        try container.encode([String](), forKey: .components)
        let newestFirst = incident.updates.reversed().map(StatuspageIncidentUpdate.init(notice:))
        try container.encode(newestFirst, forKey: .incidentUpdates)
        try container.encodeStatuspageTime(incident.nextUpdateAt, forKey: .nextUpdateAt)
    }
}
