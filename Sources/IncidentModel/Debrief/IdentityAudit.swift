/// Who stood behind each name in an incident's log: the names people typed (`--as`, `CRISIS_AUTHOR`) against the
/// identities the store recorded (the OS user on SQLite, the database role on PostgreSQL), which a name cannot
/// change. The debrief flags entries whose name is not the one their identity usually writes under, or whose
/// identity is not the one usually behind their name: someone writing as someone else, by mistake or not.
public struct IdentityAudit: Sendable, Encodable {
    /// One entry written under a name its identity does not usually use, or by an identity its name does not
    /// usually come from.
    public struct Flag: Sendable, Encodable, Equatable {
        public let sequence: Int
        public let author: String
        public let identity: String
        /// Why it stands out, in words.
        public let reason: String
    }

    /// An identity that is the usual one behind several names (a team's shared role, one OS account for all):
    /// its entries are not flagged one by one, and the debrief says the names cannot be told apart by identity.
    public struct SharedIdentity: Sendable, Encodable, Equatable {
        public let identity: String
        public let names: [String]
    }

    public let flags: [Flag]
    public let shared: [SharedIdentity]
    /// How many entries carry an identity at all (none before the store recorded them).
    public let entriesWithIdentity: Int
    /// Every name with the identities behind it, most frequent first.
    public let writers: [(name: String, identities: [String])]

    private enum CodingKeys: String, CodingKey { case flags, shared, entriesWithIdentity }


    public init(events: [Event]) {
        let signed = events.compactMap { event in event.identity.map { (event: event, identity: $0) } }
        entriesWithIdentity = signed.count
        var byName: [String: [String: Int]] = [:]
        var byIdentity: [String: [String: Int]] = [:]
        for (event, identity) in signed {
            byName[event.author, default: [:]][identity, default: 0] += 1
            byIdentity[identity, default: [:]][event.author, default: 0] += 1
        }
        // Usual means more than half: one entry under another name stands out against two of one's own.
        func usual(_ counts: [String: Int]) -> String? {
            let total = counts.values.reduce(0, +)
            return counts.first { 2 * $0.value > total }?.key
        }
        let usualIdentity = byName.compactMapValues(usual)
        // An identity usual behind several names is shared: nothing it writes under those names stands out.
        let namesBehind = Dictionary(grouping: usualIdentity.keys, by: { usualIdentity[$0]! })
        shared = namesBehind.filter { $0.value.count > 1 }
            .map { SharedIdentity(identity: $0.key, names: $0.value.sorted()) }
            .sorted { $0.identity < $1.identity }
        let sharedSet = Set(shared.map(\.identity))
        let usualName = byIdentity.filter { !sharedSet.contains($0.key) }.compactMapValues(usual)
        flags = signed.compactMap { event, identity in
            if let name = usualName[identity], name != event.author {
                return Flag(sequence: event.sequence, author: event.author, identity: identity,
                            reason: "#\(event.sequence) was written as \(event.author) by \(identity), who otherwise writes as \(name)")
            }
            if let usual = usualIdentity[event.author], usual != identity {
                return Flag(sequence: event.sequence, author: event.author, identity: identity,
                            reason: "#\(event.sequence) was written as \(event.author) by \(identity); \(event.author)'s entries otherwise come from \(usual)")
            }
            return nil
        }
        writers = byName.map { name, counts in
            (name, counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map(\.key))
        }.sorted { $0.name < $1.name }
    }
}
