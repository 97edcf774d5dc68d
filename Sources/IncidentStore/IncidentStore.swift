import Foundation
import IncidentModel

/// Where the events of every incident live. Every process (dashboards, one-shot commands) appends to and reads
/// from one store; an implementation must keep each incident's sequence gapless under concurrent writers and
/// must return from an append only once the event is durable.
public protocol IncidentStore: Sendable {
    /// Allocates a new incident and appends its first events (the opening, and the owner when named)
    /// in one transaction.
    func openIncident(author: String, payloads: [EventPayload]) async throws -> [Event]

    /// Appends one event to an existing incident and returns it as recorded.
    /// A draft whose idempotency key was already recorded returns the earlier event instead of a second one.
    func append(_ draft: EventDraft) async throws -> Event

    /// Appends on the calling thread when that means no waiting (a local store whose lock nobody holds), and
    /// returns nil when it would have to wait: the caller then uses `append`. A screen's loop posts this way
    /// without handing the write to another thread and waiting for that thread to be woken.
    func appendWithoutWaiting(_ draft: EventDraft) throws -> Event?

    /// The events of `incident` with a sequence number above `sequence`, in order: how a follower catches up.
    func events(of incident: IncidentID, after sequence: Int) async throws -> [Event]

    /// At most `limit` events of `incident` after `sequence`, exactly as stored, with their hash chain: what
    /// `crisis verify` recomputes and `crisis export` writes, and what a dashboard checks a page at a time.
    func chain(of incident: IncidentID, after sequence: Int, limit: Int) async throws -> [ChainLink]

    /// Every incident number the store knows of, from its incidents and from its log alike, ascending: what
    /// `verify --all` walks, so an incident whose opening was removed behind crisis's back is not skipped.
    func incidentNumbers() async throws -> [IncidentID]

    /// Writes incidents' whole logs as another store recorded them (times, authors, identities, hashes), all in
    /// one transaction: the store computes every link itself and refuses the lot if one does not match, or if an
    /// incident's number is taken (`StoreError.incidentExists`). The caller verifies the chains first, and has the
    /// store to itself meanwhile (on PostgreSQL the transaction is the session's connection's).
    func importChains(_ incidents: [[ChainLink]]) async throws

    /// Every incident, oldest first, with what a list needs.
    func incidents() async throws -> [IncidentSummary]

    /// The digests `query` asks for, newest incident first, each caught up with the log: what the board and
    /// `crisis list` read, without folding any incident's history.
    func digests(_ query: DigestQuery) async throws -> DigestPage

    /// The digests of every incident, open or closed, with a follow-up due by `now`.
    func digestsWithFollowUpsDue(now: Date) async throws -> [IncidentDigest]

    /// Throws every digest away and folds each incident's log again; returns how many incidents there are.
    func rebuildDigests() async throws -> Int

    /// The events after `sequence` read on the calling thread when that means no waiting (a local store nobody
    /// holds exclusively), else nil: a screen's loop woken by `pollableChanges` reads its news this way, with
    /// no hop to another thread and back.
    func eventsWithoutWaiting(of incident: IncidentID, after sequence: Int) throws -> [Event]?

    /// A change signal the caller polls on its own thread, when the store has one (a local file watched with
    /// inotify); nil when changes arrive only through `changes()`, as a server's notifications do.
    func pollableChanges() -> PollableChangeSignal?

    /// Fires whenever another process (or this one) may have appended something. Followers then ask for
    /// `events(of:after:)`; a signal that finds nothing new is harmless.
    func changes() -> AsyncStream<Void>

    /// Lets go of connections before the process ends. The store is unusable afterwards.
    func close() async
}

/// An event as a writer submits it: the store adds the sequence number and the time.
public struct EventDraft: Equatable, Sendable {
    public let incident: IncidentID
    public let author: String
    public let payload: EventPayload
    /// Makes retries safe: the store records each key once.
    public let idempotencyKey: String?

    public init(incident: IncidentID, author: String, payload: EventPayload, idempotencyKey: String? = nil) {
        self.incident = incident
        self.author = author
        self.payload = payload
        self.idempotencyKey = idempotencyKey
    }
}

/// One row of `crisis list`.
public struct IncidentSummary: Equatable, Sendable {
    public let id: IncidentID
    public let title: String
    public let severity: Severity
    public let customer: String?
    public let status: IncidentStatus
    public let openedAt: Date
    public let eventCount: Int

    public init(id: IncidentID, title: String, severity: Severity, customer: String?, status: IncidentStatus,
                openedAt: Date, eventCount: Int) {
        self.id = id
        self.title = title
        self.severity = severity
        self.customer = customer
        self.status = status
        self.openedAt = openedAt
        self.eventCount = eventCount
    }

    public var isOpen: Bool { status.isOpen }
}

extension IncidentStore {
    /// Stores without connections have nothing to let go of.
    public func close() async {}

    /// A store across the network always waits for an answer.
    public func appendWithoutWaiting(_ draft: EventDraft) throws -> Event? { nil }

    /// A store across the network always waits for an answer.
    public func eventsWithoutWaiting(of incident: IncidentID, after sequence: Int) throws -> [Event]? { nil }

    /// A store across the network signals through `changes()` alone.
    public func pollableChanges() -> PollableChangeSignal? { nil }

    /// Every event of `incident` after `sequence`, exactly as stored, with its hash chain.
    public func chain(of incident: IncidentID, after sequence: Int) async throws -> [ChainLink] {
        try await chain(of: incident, after: sequence, limit: Int(Int32.max))
    }

    /// The whole incident, folded from its log.
    public func incident(_ id: IncidentID) async throws -> Incident {
        let log = try await events(of: id, after: 0)
        guard !log.isEmpty else { throw StoreError.unknownIncident(id) }
        return try Incident(events: log)
    }
}
