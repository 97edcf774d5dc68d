import IncidentModel

/// Recomputes one incident's hash chain, link by link in sequence order, and names the first event that does
/// not match, with what changed when the links can tell. It also keeps the recomputed hashes' prefixes that
/// witnesses ask about, so a head handed out earlier can be checked against the log as it stands: a rewrite
/// that recomputed every later hash still changes the hashes from the rewritten event on.
public struct ChainVerifier: Sendable {
    public let incident: IncidentID
    /// Links checked so far.
    public private(set) var count = 0
    /// The first link that does not match; nil while the chain holds.
    public private(set) var firstBreak: ChainBreak?
    /// The last link as recorded.
    public private(set) var lastLink: ChainLink?
    /// The hash the last link should have, recomputed from the first event on.
    private var recomputed = ""
    private var lastMilliseconds: Int64?
    private let witnesses: [ChainWitness]
    /// For each witness asked about (by position in `witnesses`), the event whose recomputed hash it names.
    private var found: [Int: Int] = [:]

    public init(incident: IncidentID, witnesses: [ChainWitness] = []) {
        self.incident = incident
        self.witnesses = witnesses.filter { $0.incident == incident }
    }

    public mutating func add(_ link: ChainLink) {
        count += 1
        let expectedSequence = count
        let previous = recomputed
        recomputed = link.renumbered(expectedSequence).expectedHash(after: previous)
        for (index, witness) in witnesses.enumerated() where found[index] == nil && witness.matches(recomputed) {
            found[index] = expectedSequence
        }
        if firstBreak == nil, let problem = problem(with: link, at: expectedSequence, after: previous) {
            firstBreak = ChainBreak(sequence: expectedSequence, problem: problem)
        }
        lastLink = link
        lastMilliseconds = link.recordedMilliseconds
    }

    /// What is wrong with `link` as the event at `position` following a chain whose recomputed hash is
    /// `previous`; nil when it is what the chain says it should be.
    private func problem(with link: ChainLink, at position: Int, after previous: String) -> String? {
        if link.sequence > position {
            return position == link.sequence - 1
                ? "event \(position) is missing: the log goes from event \(position - 1) to event \(link.sequence)"
                : "events \(position) to \(link.sequence - 1) are missing: the log goes from event \(position - 1) to event \(link.sequence)"
        }
        if link.sequence < position {
            return "event \(link.sequence) appears again after event \(position - 1): the log was reordered"
        }
        if link.hash == recomputed { return nil }
        guard ChainHash.isWellFormed(link.hash) else {
            return "event \(position) has no valid hash: it was written without crisis (with a SQL client?)"
        }
        if link.expectedHash(after: link.previous) == link.hash {
            return position == 1
                ? "event 1 claims to follow another event: events were removed from the start of the log"
                : "event \(position) no longer follows event \(position - 1): event \(position - 1) or one before it was rewritten and its hash recomputed, or an event was inserted or removed before event \(position)"
        }
        for candidate in max(1, position - 8)...(position + 8) where candidate != position {
            if link.renumbered(candidate).expectedHash(after: link.previous) == link.hash {
                return "event \(position) was recorded as event \(candidate): events before it were "
                    + (candidate > position ? "removed" : "inserted") + " and the later ones renumbered, or events were swapped"
            }
        }
        var problem = "event \(position) was changed after it was written: its text, time, author, identity or kind no longer matches its hash"
        if let lastMilliseconds, link.recordedMilliseconds < lastMilliseconds {
            problem += " (its time now comes before event \(position - 1)'s: the time was changed)"
        }
        return problem
    }

    /// The verdict on everything added so far.
    public var report: ChainReport {
        ChainReport(incident: incident, events: count, head: lastLink?.head, firstBreak: firstBreak,
                    witnesses: witnesses.enumerated().map { index, witness in
                        WitnessCheck(witness: witness, sequence: found[index])
                    })
    }

    /// Verifies a whole chain at once.
    public static func verify(_ links: [ChainLink], incident: IncidentID,
                              witnesses: [ChainWitness] = []) -> ChainReport {
        var verifier = ChainVerifier(incident: incident, witnesses: witnesses)
        for link in links { verifier.add(link) }
        return verifier.report
    }
}

/// The first event of a chain that does not match, and what the verifier could tell of why.
public struct ChainBreak: Equatable, Sendable {
    public let sequence: Int
    public let problem: String

    public init(sequence: Int, problem: String) {
        self.sequence = sequence
        self.problem = problem
    }
}

/// Whether a head someone kept is still in the chain, and at which event.
public struct WitnessCheck: Equatable, Sendable {
    public let witness: ChainWitness
    /// The event whose recomputed hash the witness names; nil when no event's does.
    public let sequence: Int?

    public var holds: Bool { sequence != nil }
}

/// One incident's chain, checked.
public struct ChainReport: Equatable, Sendable {
    public let incident: IncidentID
    public let events: Int
    /// The recorded head: the last event's hash as stored.
    public let head: ChainHead?
    public let firstBreak: ChainBreak?
    public let witnesses: [WitnessCheck]

    public var isIntact: Bool { firstBreak == nil && events > 0 && witnesses.allSatisfy(\.holds) }
}
