import Foundation
import IncidentModel
import IncidentStore
import Synchronization

/// One person's way into a store, for every front end (the command line, the dashboard, the demo, a
/// server): it owns the store, the person's outbox, the clock, the validated author and the choice of
/// incident, and it is the only thing that posts.
///
/// Posting keeps three promises. Entries are applied in the order they were handed over, one at a time.
/// Each goes after everything already waiting in the person's outbox: a new entry never overtakes an older
/// one. And each carries its idempotency key from the moment it was made, so a retry from the outbox never
/// records it twice. Errors are told apart once, by `StoreErrorClass`: a retryable one keeps the entry in the
/// outbox (when the session may queue), a permanent one refuses it, a bug is never called "offline".
public final class IncidentSession: Sendable {
    public let author: String
    public let clock: any IncidentClock
    public let timeZone: TimeZone
    /// Where entries wait while the store is out of reach; nil keeps nothing (the demo's throw-away store).
    public let outbox: Outbox?
    /// The store's name for messages: a path, or a server's address without its password.
    public let storeName: String
    /// Which incident commands are about.
    public let choice: IncidentChoice
    /// Whether an entry the store cannot take now is kept in the outbox (the dashboard; `--queue`) or refused.
    public let queuesWhenOffline: Bool
    /// Nil when the store could not be reached at the start; then every entry is queued, or refused.
    private let connected: (any IncidentStore)?
    private let unreachable: (any Error)?
    private let queue = PostingQueue()
    private let notices: Mutex<@Sendable (SessionNotice) -> Void>

    /// A session on a store already open.
    public convenience init(store: any IncidentStore, author: String, outbox: Outbox? = nil,
                            clock: any IncidentClock = SystemClock(), timeZone: TimeZone = .current,
                            choice: IncidentChoice = IncidentChoice(option: nil, environment: [:]),
                            queuesWhenOffline: Bool = true, storeName: String = "the store",
                            notices: @escaping @Sendable (SessionNotice) -> Void = { _ in }) throws(CommandError) {
        self.init(connected: store, unreachable: nil, author: try AuthorName.validated(author), outbox: outbox,
                  clock: clock, timeZone: timeZone, choice: choice, queuesWhenOffline: queuesWhenOffline,
                  storeName: storeName, notices: notices)
    }

    private init(connected: (any IncidentStore)?, unreachable: (any Error)?, author: String, outbox: Outbox?,
                 clock: any IncidentClock, timeZone: TimeZone, choice: IncidentChoice, queuesWhenOffline: Bool,
                 storeName: String, notices: @escaping @Sendable (SessionNotice) -> Void) {
        self.connected = connected
        self.unreachable = unreachable
        self.author = author
        self.outbox = outbox
        self.clock = clock
        self.timeZone = timeZone
        self.choice = choice
        self.queuesWhenOffline = queuesWhenOffline
        self.storeName = storeName
        self.notices = Mutex(notices)
    }

    /// Sends what the session does on its own to `handler` from now on: a full-screen front end cannot let a
    /// line go to stderr over its screen.
    public func redirectNotices(to handler: @escaping @Sendable (SessionNotice) -> Void) {
        notices.withLock { $0 = handler }
    }

    private func tell(_ notice: SessionNotice) {
        let handler = notices.withLock { $0 }
        handler(notice)
    }

    /// Opens the store named by `database` (else `CRISIS_DB`, else the default file) for the person named by
    /// `author`, and sends whatever their outbox holds before anything new. When the store cannot be reached
    /// and `queuesWhenOffline`, the session still takes entries, for the outbox; otherwise the error is thrown.
    /// Only `create` may create a SQLite file.
    public static func connect(database: String?, incident: String?, author: String?, queuesWhenOffline: Bool,
                               create: Bool = false, environment: [String: String],
                               timeZone: TimeZone = .current,
                               notices: @escaping @Sendable (SessionNotice) -> Void = { _ in }) async throws -> IncidentSession {
        let clock = try SessionClock.from(environment: environment)
        let author = try AuthorName.resolve(option: author, environment: environment)
        let choice = IncidentChoice(option: incident, environment: environment)
        let address = try StoreAddress.resolve(option: database, environment: environment)
        let outbox = Outbox(for: address, environment: environment)
        let store: any IncidentStore
        do {
            store = try await address.open(create: create, environment: environment, clock: clock)
        } catch where StoreErrorClass(of: error) == .retryable && queuesWhenOffline {
            return IncidentSession(connected: nil, unreachable: error, author: author, outbox: outbox, clock: clock,
                                   timeZone: timeZone, choice: choice, queuesWhenOffline: true,
                                   storeName: address.displayName, notices: notices)
        }
        let session = try IncidentSession(store: store, author: author, outbox: outbox, clock: clock, timeZone: timeZone,
                                          choice: choice, queuesWhenOffline: queuesWhenOffline,
                                          storeName: address.displayName, notices: notices)
        _ = try? await session.sendOutbox()
        return session
    }

    /// The store, for reading; posting goes through the session.
    public func store() throws -> any IncidentStore {
        guard let connected else { throw unreachable ?? StoreError.failed("the store is not open") }
        return connected
    }

    /// Finishes what was handed over (each entry posted, or kept in the outbox), then lets go of the store's
    /// connections: quitting never drops an entry still on its way.
    public func close() async {
        _ = try? await queue.run {}
        await connected?.close()
    }

    // MARK: - Choosing and reading

    /// The incident commands are about (see `IncidentChoice`).
    public func incidentID() async throws -> IncidentID {
        if let named = try choice.namedID() { return named }
        guard let connected else {
            throw CommandError("\(unreachable.map { String(describing: $0) } ?? "the store is out of reach"); to queue the entry, name the incident with --incident or CRISIS_INCIDENT")
        }
        return try await choice.resolve(in: connected)
    }

    /// The incident, folded from its whole log.
    public func incident(_ id: IncidentID) async throws -> Incident {
        try await store().incident(id)
    }

    // MARK: - Posting

    /// Resolves `command` against the incident as it stands (labels, times, what is still open) and posts it.
    /// `vet` sees the entry before it is handed over, with the incident when it could be read and "now", and
    /// may refuse it by throwing. When the incident cannot be read because the store is out of reach, the
    /// command is resolved without it and queued (when the session queues).
    public func post(_ command: Command, to id: IncidentID? = nil,
                     vet: (EventPayload, Incident?, Date) throws -> Void = { _, _, _ in }) async throws -> PostOutcome {
        let id = try await resolvedID(id)
        var incident: Incident?
        if let connected {
            do {
                incident = try await connected.incident(id)
            } catch where StoreErrorClass(of: error) == .retryable && queuesWhenOffline {
                incident = nil
            }
        }
        let now = clock.now
        let payload = try incident.map { try command.payload(for: $0, now: now, timeZone: timeZone) }
            ?? command.offlinePayload(now: now, timeZone: timeZone)
        try vet(payload, incident, now)
        return try await post(draft(payload, to: id))
    }

    /// The entry as it will be stored, its idempotency key made now, once.
    public func draft(_ payload: EventPayload, to id: IncidentID) -> EventDraft {
        EventDraft(incident: id, author: author, payload: payload, idempotencyKey: RandomToken.uuid())
    }

    /// Posts `draft` behind everything handed over before it.
    public func post(_ draft: EventDraft) async throws -> PostOutcome {
        try await queue.run { [self] in try await deliver(draft) }
    }

    /// Posts `draft` behind everything handed over before it, without waiting: for a screen's loop, which
    /// hears of the outcome through `done`, on another thread.
    public func submit(_ draft: EventDraft, done: @escaping @Sendable (Result<PostOutcome, any Error>) -> Void) {
        queue.enqueue { [self] in
            do { done(.success(try await deliver(draft))) } catch { done(.failure(error)) }
        }
    }

    /// Appends on the calling thread when that overtakes nothing and waits for nothing (a local store whose
    /// lock is free, with nothing queued): a screen shows its own entry in the same frame. Nil means "submit
    /// it instead"; a refusal is thrown.
    public func postHereIfFree(_ draft: EventDraft) throws -> Event? {
        guard let connected, queue.isIdle, outbox?.isEmpty ?? true else { return nil }
        do {
            return try connected.appendWithoutWaiting(draft)
        } catch where StoreErrorClass(of: error) == .retryable {
            return nil
        }
    }

    /// Sends what waits in the outbox, in turn with the posts; what it did goes to the notices. Returns
    /// the error that stopped it when entries still wait.
    @discardableResult
    public func sendOutbox() async throws -> Outbox.FlushResult? {
        guard let outbox, !outbox.isEmpty, let connected else { return nil }
        return try await queue.run { [self] in await flush(outbox, to: connected) }
    }

    /// Opens a new incident with its first events, as this session's author.
    public func openIncident(_ payloads: [EventPayload]) async throws -> [Event] {
        let store = try store()
        let author = author
        return try await queue.run { try await store.openIncident(author: author, payloads: payloads) }
    }

    /// How many of this person's entries wait in the outbox.
    public var queuedCount: Int { (try? outbox?.pending().count) ?? 0 }

    private func resolvedID(_ id: IncidentID?) async throws -> IncidentID {
        if let id { return id }
        return try await incidentID()
    }

    /// In turn: the outbox first, then the entry; whatever cannot go now is kept behind the older entries.
    private func deliver(_ draft: EventDraft) async throws -> PostOutcome {
        guard let connected else { return try keep(draft, because: unreachable) }
        if let outbox, !outbox.isEmpty {
            let result = await flush(outbox, to: connected)
            if result.remaining > 0 { return try keep(draft, because: result.error) }
        }
        do {
            return .posted(try await connected.append(draft))
        } catch where StoreErrorClass(of: error) == .retryable {
            // Cancelled mid-append counts too: the entry is fine, and its key makes a second try safe.
            return try keep(draft, because: error)
        }
    }

    private func flush(_ outbox: Outbox, to store: any IncidentStore) async -> Outbox.FlushResult {
        let result = await outbox.flush(to: store)
        if !result.sent.isEmpty { tell(.sentQueued(count: result.sent.count)) }
        if result.rejected > 0 { tell(.setAside(count: result.rejected, path: outbox.rejectedPath)) }
        if result.remaining > 0 { tell(.stillWaiting(count: result.remaining, path: outbox.path)) }
        return result
    }

    /// Keeps `draft` in the outbox when the session queues, else refuses it with the reason.
    private func keep(_ draft: EventDraft, because error: (any Error)?) throws -> PostOutcome {
        let reason = error.map(IncidentFollow.reason) ?? "older entries still wait in the outbox"
        guard queuesWhenOffline, let outbox else {
            if let error { throw error }
            throw StoreError.failed("\(queuedCount) older entr\(queuedCount == 1 ? "y waits" : "ies wait") in \(outbox?.path ?? "the outbox") and could not be sent; this one must not overtake them: retry with --queue to queue it behind them")
        }
        let kept = try outbox.enqueue(draft, now: clock.now)
        let offline = error.map { StoreErrorClass(of: $0) == .retryable } ?? false
        return .queued(kept, waiting: queuedCount, reason: reason, offline: offline)
    }
}
