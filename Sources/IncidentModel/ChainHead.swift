import Foundation

/// Where an incident's hash chain stood at one event: what a witness keeps. Each event's hash covers the event
/// and, through the hash before it, every event before it, so a head handed to someone outside the database
/// (printed in a debrief, sent to the customer) lets anyone check later that the log up to it was not rewritten.
public struct ChainHead: Equatable, Sendable, Codable {
    public let incident: IncidentID
    /// The event whose hash this is.
    public let sequence: Int
    /// The full SHA-256, lowercase hex.
    public let hash: String

    /// Hex digits in the short form: as with a git commit, enough to name one event of one incident.
    public static let shortLength = 7

    public init(incident: IncidentID, sequence: Int, hash: String) {
        self.incident = incident
        self.sequence = sequence
        self.hash = hash
    }

    /// The event's hash when it has one.
    public init?(_ event: Event) {
        guard let hash = event.hash else { return nil }
        self.init(incident: event.incident, sequence: event.sequence, hash: hash)
    }

    public var short: String { String(hash.prefix(Self.shortLength)) }

    /// `INC-12:5e1c9a2`: what people copy, print and pass to `crisis verify --head`.
    public var witness: String { "\(incident):\(short)" }

    /// `INC-12:` and all 64 hex digits: what is sent to a customer, who keeps it for years, and what the debrief
    /// and `show` print beside the short form. The short form is for people comparing by eye; a forger could
    /// search for a rewrite whose hash starts with seven given digits, never for one that matches all of them.
    public var fullWitness: String { "\(incident):\(hash)" }
}

/// A head someone kept, as given back to `crisis verify --head`: an incident and the start of a hash.
public struct ChainWitness: Equatable, Sendable, CustomStringConvertible {
    public let incident: IncidentID
    /// Lowercase hex, at least `ChainHead.shortLength` digits.
    public let hashPrefix: String

    public init(incident: IncidentID, hashPrefix: String) {
        self.incident = incident
        self.hashPrefix = hashPrefix
    }

    /// Parses `INC-12:5e1c9a2` (or `12:5e1c9a2`); nil for anything else.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let incident = IncidentID(parsing: String(parts[0])) else { return nil }
        let prefix = parts[1].lowercased()
        guard (ChainHead.shortLength...64).contains(prefix.count),
              prefix.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
        self.init(incident: incident, hashPrefix: prefix)
    }

    public var description: String { "\(incident):\(hashPrefix)" }

    public func matches(_ hash: String) -> Bool { hash.hasPrefix(hashPrefix) }
}
