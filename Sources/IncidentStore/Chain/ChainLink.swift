import Foundation
import IncidentModel

/// One event exactly as the store holds it: the bytes its hash covers, its link to the event before and its
/// own hash. What `crisis verify` recomputes, `crisis export` writes and `crisis import` reads: never decoded
/// and encoded again, since the hash is over the text as written.
public struct ChainLink: Equatable, Sendable {
    public let incident: IncidentID
    public let sequence: Int
    /// When the store recorded it, in whole milliseconds since 1970 (UTC).
    public let recordedMilliseconds: Int64
    /// The name given (`--as`, `CRISIS_AUTHOR`).
    public let author: String
    /// Who wrote it as the host or the server knows them (`Event.identity`); empty when not recorded.
    public let identity: String
    public let kind: String
    /// The payload's JSON text as stored.
    public let payload: String
    /// The hash of the event before, as recorded with this one; empty for the first event.
    public let previous: String
    /// This event's hash as recorded.
    public let hash: String

    public init(incident: IncidentID, sequence: Int, recordedMilliseconds: Int64, author: String, identity: String,
                kind: String, payload: String, previous: String, hash: String) {
        self.incident = incident
        self.sequence = sequence
        self.recordedMilliseconds = recordedMilliseconds
        self.author = author
        self.identity = identity
        self.kind = kind
        self.payload = payload
        self.previous = previous
        self.hash = hash
    }

    /// What this event's hash must be, if it follows an event whose hash is `previous`.
    public func expectedHash(after previous: String) -> String {
        ChainHash.of(incident: incident, sequence: sequence, recordedMilliseconds: recordedMilliseconds,
                     author: author, identity: identity, kind: kind, payload: payload, previous: previous)
    }

    /// The same event under another sequence number: how the verifier finds an event that was renumbered.
    func renumbered(_ sequence: Int) -> ChainLink {
        ChainLink(incident: incident, sequence: sequence, recordedMilliseconds: recordedMilliseconds, author: author,
                  identity: identity, kind: kind, payload: payload, previous: previous, hash: hash)
    }

    public var head: ChainHead { ChainHead(incident: incident, sequence: sequence, hash: hash) }

    /// The event this row records, its payload decoded: a report that checks the chain reads the log once.
    public func event() throws -> Event {
        do {
            return Event(incident: incident, sequence: sequence, recordedAt: Timestamp.date(milliseconds: recordedMilliseconds),
                         author: author, payload: try EventCoding.decodePayload(payload),
                         identity: identity.isEmpty ? nil : identity, hash: hash)
        } catch {
            throw StoreError.corrupt("event \(sequence) of \(incident) cannot be read (\(error))")
        }
    }
}
