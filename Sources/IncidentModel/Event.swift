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
    /// The author of what crisis records by itself (reminders, delivery claims and receipts, hook failures),
    /// from whichever process got there first: not a person.
    public static let systemAuthor = "crisis"
    /// What happened.
    public let payload: EventPayload
    /// Who wrote it as the host or the server knows them, which `--as` cannot change: the operating-system
    /// user on SQLite, the database role on PostgreSQL. Nil when the store did not record one (events written
    /// before version 3 of the schema, events not read from a store).
    public let identity: String?
    /// The event's link in its incident's hash chain (SHA-256, lowercase hex), as the store recorded it; nil
    /// for an event not read from a store.
    public let hash: String?

    public init(incident: IncidentID, sequence: Int, recordedAt: Date, author: String, payload: EventPayload,
                identity: String? = nil, hash: String? = nil) {
        self.incident = incident
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.author = author
        self.payload = payload
        self.identity = identity
        self.hash = hash
    }

    public var kind: EventKind { payload.kind }
}

extension Event: Codable {
    private enum CodingKeys: String, CodingKey {
        case incident, sequence, recordedAt, author, identity, hash
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        incident = try container.decode(IncidentID.self, forKey: .incident)
        sequence = try container.decode(Int.self, forKey: .sequence)
        recordedAt = try container.decode(Date.self, forKey: .recordedAt)
        author = try container.decode(String.self, forKey: .author)
        identity = try container.decodeIfPresent(String.self, forKey: .identity)
        hash = try container.decodeIfPresent(String.self, forKey: .hash)
        payload = try EventPayload(from: decoder)
    }

    /// One flat JSON object: the envelope's fields beside `kind` and the payload's own fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(incident, forKey: .incident)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(recordedAt, forKey: .recordedAt)
        try container.encode(author, forKey: .author)
        try container.encodeIfPresent(identity, forKey: .identity)
        try container.encodeIfPresent(hash, forKey: .hash)
        try payload.encode(to: encoder)
    }
}
