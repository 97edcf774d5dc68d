/// Who stood behind each name in an incident's log: the names people typed (`--as`, `CRISIS_AUTHOR`) against the
/// identities the store recorded (the OS user on SQLite, the database role on PostgreSQL), which a name cannot
/// change. The debrief flags every name that more than one identity wrote under, with who wrote which entries:
/// someone writing as someone else, by mistake or not. It says which it was by facts, not by guessing from
/// counts: the one who wrote most under a name is not always its owner.
public struct IdentityAudit: Sendable, Encodable {
    /// A name written under by more than one identity.
    public struct Flag: Sendable, Encodable, Equatable {
        public let name: String
        /// Each identity and the entries it wrote under the name, in log order.
        public let writers: [Writer]
        /// What happened, in words.
        public let reason: String
    }

    public struct Writer: Sendable, Encodable, Equatable {
        public let identity: String
        public let sequences: [Int]
    }

    /// An identity that wrote under several names, none of which anyone else wrote under (a team's shared role,
    /// one OS account for all): nothing to flag, but the names cannot be told apart by who was behind them.
    public struct SharedIdentity: Sendable, Encodable, Equatable {
        public let identity: String
        public let names: [String]
    }

    public let flags: [Flag]
    public let shared: [SharedIdentity]
    /// How many entries carry an identity at all (none before the store recorded them).
    public let entriesWithIdentity: Int
    /// Every name with the identities behind it, most entries first.
    public let writers: [(name: String, identities: [String])]

    private enum CodingKeys: String, CodingKey { case flags, shared, entriesWithIdentity }

    /// Entry numbers listed in a flag before the rest are counted.
    static let listed = 6

    /// What crisis records by itself (reminders, delivery claims and receipts, hook runs), never a person.
    static func recordedByCrisis(_ payload: EventPayload) -> Bool {
        switch payload {
        case .reminder, .deliveryClaimed, .deliveryReceipt, .hookClaimed, .hookFailed: true
        default: false
        }
    }

    public init(events: [Event]) {
        // crisis's own entries are written by whoever's dashboard or watcher got there first: not a name a
        // person wrote under (found in review: "root is shared: it wrote as ana, crisis").
        // Judged by what the entry is, not by its author's name, which anyone may type (`--as crisis`).
        let signed = events.filter { !Self.recordedByCrisis($0.payload) }
            .compactMap { event in event.identity.map { (event: event, identity: $0) } }
        entriesWithIdentity = signed.count
        var byName: [String: [String: [Int]]] = [:]
        var namesOf: [String: Set<String>] = [:]
        var order: [String] = []
        for (event, identity) in signed {
            if byName[event.author] == nil { order.append(event.author) }
            byName[event.author, default: [:]][identity, default: []].append(event.sequence)
            namesOf[identity, default: []].insert(event.author)
        }
        func entries(_ sequences: [Int]) -> String {
            let shown = sequences.prefix(Self.listed).map { "#\($0)" }.joined(separator: ", ")
            return sequences.count > Self.listed ? "\(shown) and \(sequences.count - Self.listed) more" : shown
        }
        flags = order.compactMap { name in
            guard let identities = byName[name], identities.count > 1 else { return nil }
            let writers = identities.map { Writer(identity: $0.key, sequences: $0.value) }
                .sorted { $0.sequences[0] < $1.sequences[0] }
            let said = writers.map { "\($0.identity) (\(entries($0.sequences)))" }
            let reason = "\(name) was written by \(said.dropLast().joined(separator: ", ")) and by \(said.last!)"
            return Flag(name: name, writers: writers, reason: reason)
        }
        let conflicted = Set(flags.map(\.name))
        shared = namesOf.filter { $0.value.count > 1 && $0.value.isDisjoint(with: conflicted) }
            .map { SharedIdentity(identity: $0.key, names: $0.value.sorted()) }
            .sorted { $0.identity < $1.identity }
        writers = byName.map { name, counts in
            (name, counts.sorted { $0.value.count > $1.value.count || ($0.value.count == $1.value.count && $0.key < $1.key) }.map(\.key))
        }.sorted { $0.name < $1.name }
    }
}
