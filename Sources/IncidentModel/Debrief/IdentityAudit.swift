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

    /// An identity that writes under several names with none of them usual (a team's shared role): its entries
    /// are not flagged one by one, and the debrief says the names cannot be told apart by identity.
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

    /// A name or identity counts as usual for the other when it accounts for this share of its entries.
    static let usualShare = 0.8

    public init(events: [Event]) {
        let signed = events.compactMap { event in event.identity.map { (event: event, identity: $0) } }
        entriesWithIdentity = signed.count
        var byName: [String: [String: Int]] = [:]
        var byIdentity: [String: [String: Int]] = [:]
        for (event, identity) in signed {
            byName[event.author, default: [:]][identity, default: 0] += 1
            byIdentity[identity, default: [:]][event.author, default: 0] += 1
        }
        func usual(_ counts: [String: Int]) -> String? {
            let total = counts.values.reduce(0, +)
            guard let top = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
                  Double(top.value) >= Self.usualShare * Double(total) else { return nil }
            return top.key
        }
        let usualIdentity = byName.compactMapValues(usual)
        let usualName = byIdentity.compactMapValues(usual)
        shared = byIdentity.filter { $0.value.count > 1 && usualName[$0.key] == nil }
            .map { SharedIdentity(identity: $0.key, names: $0.value.keys.sorted()) }
            .sorted { $0.identity < $1.identity }
        let sharedSet = Set(shared.map(\.identity))
        flags = signed.compactMap { event, identity in
            guard !sharedSet.contains(identity) else { return nil }
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
