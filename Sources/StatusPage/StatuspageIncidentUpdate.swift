import Foundation
import IncidentModel

/// One entry of an incident's `incident_updates`: one notice the customer was sent, its words as the body.
struct StatuspageIncidentUpdate: Encodable {
    let notice: CustomerNotice

    /// `INC-7-4`: the incident and the notice's event, unique on the page and the same on every render.
    var id: String { "\(notice.incident)-\(notice.externalID)" }

    private enum CodingKeys: String, CodingKey {
        case id, status, body
        case incidentID = "incident_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case displayAt = "display_at"
        case affectedComponents = "affected_components"
        case deliverNotifications = "deliver_notifications"
        case nextUpdateAt = "next_update_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(notice.incident.description, forKey: .incidentID)
        try container.encode(StatuspageIncidentStatus(notice.status), forKey: .status)
        // The notice's own words, as a Statuspage body holds the update's words; the status beside it is a
        // field of its own, and impact, workarounds and contact are the incident's, not this update's.
        try container.encode(notice.text, forKey: .body)
        // A notice is never edited: created, updated and shown at the moment it was posted.
        try container.encodeStatuspageTime(notice.postedAt, forKey: .createdAt)
        try container.encodeStatuspageTime(notice.postedAt, forKey: .updatedAt)
        try container.encodeStatuspageTime(notice.postedAt, forKey: .displayAt)
        // crisis has no components; null is what Statuspage writes for an update that names none.
        try container.encodeNil(forKey: .affectedComponents)
        try container.encode(true, forKey: .deliverNotifications)
        // Ours, not Statuspage's: the promise this update made (null for the closure).
        try container.encodeStatuspageTime(notice.occasion == .closed ? nil : notice.nextUpdateAt,
                                           forKey: .nextUpdateAt)
    }
}
