import Foundation
import IncidentModel

/// The JSON body of one delivery, made from a `CustomerNotice` and nothing else, so a webhook carries exactly
/// what the customer may read.
///
/// The field names are a contract with every receiver ever written, so they are spelled out here rather than
/// derived from Swift names:
///
/// ```json
/// {
///   "type": "incident.briefing",                  // or "incident.opened", "incident.closed"
///   "id": "inc12-1795442709-u4",                  // inc<number>-<opened at, Unix seconds>-u<update number>
///   "incident": {"id": "INC-12", "title": "…", "status": "identified", "impact": "…" | null,
///                "customer": "…" | null},
///   "update": {"number": 3, "text": "…", "posted_at": "2026-11-23T14:05:09.123Z"},
///   "workarounds": ["…"],
///   "next_update": {"at": "2026-11-23T14:35:00.000Z", "reason": "…" | null} | null,
///   "contact": {"name": "…", "phone": "…" | null} | null,
///   "log_head": "INC-12:5e1c9a2d…" | null            // the log's hash chain at this update, all 64 hex digits
/// }
/// ```
///
/// Every field is always present (`null` when there is nothing), times are UTC with a `Z`, keys are sorted.
/// The `id` is the same on every retry of a delivery, so a receiver can drop the copies it already has.
public struct WebhookPayload: Sendable, Equatable {
    /// `incident.opened`, `incident.briefing` or `incident.closed`, also sent as `Crisis-Event`.
    public let type: String
    /// Sent as `Crisis-Delivery` too.
    public let deliveryID: String
    /// The exact bytes that are signed and sent.
    public let body: Data

    public init(_ notice: CustomerNotice) throws {
        type = Self.type(of: notice.occasion)
        deliveryID = Self.deliveryID(of: notice)
        let encoder = JSONEncoder()
        // Sorted keys make the body the same bytes for the same notice (a retry signs what the first try sent);
        // the encoder escapes quotes, controls and line breaks, so any text a person typed stays a string.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        body = try encoder.encode(Document(notice: notice, type: type, id: deliveryID))
    }

    static func type(of occasion: CustomerNotice.Occasion) -> String {
        switch occasion {
        case .opened: "incident.opened"
        case .briefing: "incident.briefing"
        case .closed: "incident.closed"
        }
    }

    /// Stable across processes and stores: the incident number alone repeats across stores, its opening
    /// time with it does not, and the update number names the notice within the incident.
    static func deliveryID(of notice: CustomerNotice) -> String {
        let opened = Int(notice.incidentOpenedAt.timeIntervalSince1970.rounded(.down))
        return "inc\(notice.incident.number)-\(opened)-\(notice.externalID)"
    }
}

extension WebhookPayload {
    /// The shape of the body. Optionals are written as `null` rather than left out (what the synthesized
    /// `Encodable` would do), so a receiver finds every documented field in every delivery.
    private struct Document: Encodable {
        let notice: CustomerNotice
        let type: String
        let id: String

        enum Keys: String, CodingKey {
            case type, id, incident, update, workarounds, contact
            case nextUpdate = "next_update"
            case logHead = "log_head"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(type, forKey: .type)
            try container.encode(id, forKey: .id)
            try container.encode(Incident(notice: notice), forKey: .incident)
            try container.encode(Update(notice: notice), forKey: .update)
            try container.encode(notice.workarounds, forKey: .workarounds)
            if let at = notice.nextUpdateAt {
                try container.encode(NextUpdate(at: at, reason: notice.nextUpdateReason), forKey: .nextUpdate)
            } else {
                try container.encodeNil(forKey: .nextUpdate)
            }
            if let contact = notice.contact {
                try container.encode(Contact(contact: contact), forKey: .contact)
            } else {
                try container.encodeNil(forKey: .contact)
            }
            if let witness = notice.witness {
                try container.encode(witness.fullWitness, forKey: .logHead)
            } else {
                try container.encodeNil(forKey: .logHead)
            }
        }
    }

    private struct Incident: Encodable {
        let notice: CustomerNotice

        enum Keys: String, CodingKey {
            case id, title, status, impact, customer
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(notice.incident.description, forKey: .id)
            try container.encode(notice.title, forKey: .title)
            try container.encode(notice.status.rawValue, forKey: .status)
            try container.encode(notice.impact, forKey: .impact)
            try container.encode(notice.customer, forKey: .customer)
        }
    }

    private struct Update: Encodable {
        let notice: CustomerNotice

        enum Keys: String, CodingKey {
            case number, text
            case postedAt = "posted_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(notice.updateNumber, forKey: .number)
            try container.encode(notice.text, forKey: .text)
            try container.encode(Timestamp.iso8601(notice.postedAt), forKey: .postedAt)
        }
    }

    private struct NextUpdate: Encodable {
        let at: Date
        let reason: String?

        enum Keys: String, CodingKey {
            case at, reason
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(Timestamp.iso8601(at), forKey: .at)
            try container.encode(reason, forKey: .reason)
        }
    }

    private struct Contact: Encodable {
        let contact: CustomerContact

        enum Keys: String, CodingKey {
            case name, phone
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(contact.name, forKey: .name)
            try container.encode(contact.phone, forKey: .phone)
        }
    }
}
