import Crypto
import IncidentModel

/// The hash that chains an incident's events: SHA-256 over the event's canonical bytes and the hash of the
/// event before it.
///
/// The canonical bytes are netstrings (`<length in bytes>:<bytes>,`) of, in order: the version tag, the
/// incident's number, the sequence number, the recorded time in milliseconds since 1970, the author, the
/// identity (OS user or database role; empty when unknown), the kind, the payload's JSON text and the previous
/// hash (empty for the first event). Lengths make the encoding unambiguous whatever the fields contain, and
/// every field is text, so PostgreSQL's `crisis_chain_hash` computes the same bytes in SQL: the two must
/// change together, under a new version tag.
public enum ChainHash {
    public static let version = "crisis-chain-1"

    public static func of(incident: IncidentID, sequence: Int, recordedMilliseconds: Int64, author: String,
                          identity: String, kind: String, payload: String, previous: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payload.utf8.count + author.utf8.count + previous.utf8.count + 96)
        for field in [version, String(incident.number), String(sequence), String(recordedMilliseconds), author,
                      identity, kind, payload, previous] {
            bytes.append(contentsOf: String(field.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: field.utf8)
            bytes.append(UInt8(ascii: ","))
        }
        return hex(SHA256.hash(data: bytes))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: SHA256.Digest) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `text` has the shape of a hash this chain records.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { digits.contains($0) }
    }
}
