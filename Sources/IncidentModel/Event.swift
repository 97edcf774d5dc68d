import Foundation

/// One immutable entry in an incident's log. Nothing is edited or deleted: a correction is a new event.
public struct Event: Equatable, Sendable {
    /// The incident this event belongs to.
    public let incident: IncidentID
    /// Gapless per incident: 1, 2, 3 … in the order the store accepted them.
    public let sequence: Int
    /// When the store recorded it, UTC, millisecond precision.
    public let recordedAt: Date
    /// Who posted it.
    public let author: String
    /// What happened.
    public let payload: EventPayload

    public init(incident: IncidentID, sequence: Int, recordedAt: Date, author: String, payload: EventPayload) {
        self.incident = incident
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.author = author
        self.payload = payload
    }

    public var kind: EventKind { payload.kind }
}

extension Event: Codable {
    private enum CodingKeys: String, CodingKey {
        case incident, sequence, recordedAt, author
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        incident = try container.decode(IncidentID.self, forKey: .incident)
        sequence = try container.decode(Int.self, forKey: .sequence)
        recordedAt = try container.decode(Date.self, forKey: .recordedAt)
        author = try container.decode(String.self, forKey: .author)
        payload = try EventPayload(from: decoder)
    }

    /// One flat JSON object: the envelope's fields beside `kind` and the payload's own fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(incident, forKey: .incident)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(recordedAt, forKey: .recordedAt)
        try container.encode(author, forKey: .author)
        try payload.encode(to: encoder)
    }
}
