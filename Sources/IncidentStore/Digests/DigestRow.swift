import Foundation
import IncidentModel
import Synchronization

/// A digest as its table keeps it: the JSON beside the columns that queries filter on, so a list finds its
/// rows by index and decodes only those it shows.
struct DigestRow: Sendable {
    let incident: Int
    /// The last event folded in: a digest is current when this equals the newest event's number.
    let throughSequence: Int
    let isOpen: Bool
    let customer: String?
    let lastEventMilliseconds: Int64
    let nextFollowUpMilliseconds: Int64?
    let json: String

    init(_ digest: IncidentDigest) throws {
        incident = digest.id.number
        throughSequence = digest.lastSequence
        isOpen = digest.isOpen
        customer = digest.customer
        lastEventMilliseconds = Timestamp.milliseconds(digest.lastEventAt)
        nextFollowUpMilliseconds = digest.nextFollowUpDue.map(Timestamp.milliseconds)
        json = String(decoding: try DigestCoding.encoder.encode(digest), as: UTF8.self)
    }
}

/// How a digest is written to and read from its table: JSON with every time in whole milliseconds, as the
/// log keeps them, so a digest read back equals one folded from the log.
enum DigestCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.milliseconds(date))
        }
        return encoder
    }

    /// Digests already decoded, by their JSON: a board reads the same dozen digests after every change, and
    /// only the one that changed needs decoding again. Bounded: emptied when it holds more than a page's worth.
    private static let decoded = Mutex<[String: IncidentDigest]>([:])
    private static let mostRemembered = 512

    static func decode(_ json: String, incident: Int) throws -> IncidentDigest {
        if let known = decoded.withLock({ $0[json] }) { return known }
        let digest = try decodeAfresh(json, incident: incident)
        decoded.withLock { cache in
            if cache.count >= mostRemembered { cache.removeAll(keepingCapacity: true) }
            cache[json] = digest
        }
        return digest
    }

    private static func decodeAfresh(_ json: String, incident: Int) throws -> IncidentDigest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Timestamp.date(milliseconds: try decoder.singleValueContainer().decode(Int64.self))
        }
        do {
            return try decoder.decode(IncidentDigest.self, from: Data(json.utf8))
        } catch {
            throw StoreError.corrupt("the summary of INC-\(incident) cannot be read (\(error)): 'crisis rebuild-summaries' makes it again from the log")
        }
    }
}

/// A digest that lags the log: from `throughSequence` on, its events still have to be folded in.
struct StaleDigest: Sendable {
    let incident: IncidentID
    let throughSequence: Int
    /// Nil when there is none yet, or it was thrown away to be rebuilt.
    let json: String?
}
