import Foundation

/// The one JSON form of events and payloads, used by every store and by `--json` output,
/// so a log written by one store reads the same through another.
public enum EventCoding {
    /// Times as ISO 8601 with milliseconds, UTC; keys sorted so equal payloads encode to equal bytes.
    /// What people and hooks read leaves out a webhook's secret; only the store keeps it (`forStore`).
    public static func makeEncoder(pretty: Bool = false, forStore: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        if !forStore { encoder.userInfo[EventPayload.hidingSecrets] = true }
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.iso8601(date))
        }
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parseISO8601(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
            }
            return date
        }
        return decoder
    }

    public static func encode(_ payload: EventPayload) throws -> String {
        if let json = TextPayloadShortcut.encode(payload) { return json }
        return String(decoding: try sharedEncoder.encode(payload), as: UTF8.self)
    }

    public static func decodePayload(_ json: String) throws -> EventPayload {
        if let payload = TextPayloadShortcut.decode(json) { return payload }
        return try sharedDecoder.decode(EventPayload.self, from: Data(json.utf8))
    }

    // One of each, made once: a coder's options never change after this, and encoding or decoding with one
    // from several threads at once is safe. Reading a log of 100 000 events builds no coder per event.
    private static let sharedEncoder = makeEncoder(forStore: true)
    private static let sharedDecoder = makeDecoder()
}
