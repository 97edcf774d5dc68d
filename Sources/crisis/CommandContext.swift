import Foundation
import IncidentModel
import IncidentSession
import IncidentStore

/// What every command needs once its arguments are checked: the person's session on the store (which alone
/// posts), the incident, the clock and how times are shown. Stores are opened only after the arguments are
/// valid, so a bad command never creates or touches a file.
struct CommandContext {
    let session: IncidentSession
    /// The store, for reading.
    let store: any IncidentStore
    let display: TimeDisplay
    let options: GlobalOptions

    var author: String { session.author }
    var clock: any IncidentClock { session.clock }

    /// Opens the store and sends the outbox; only `open` may create the store. With `queue` (a dashboard),
    /// entries the store cannot take while it runs wait in the outbox; the store must answer at the start.
    init(_ options: GlobalOptions, create: Bool = false, queue: Bool = false) async throws {
        let session = try await Self.session(options, create: create, queue: queue)
        try self.init(session: session, options: options)
    }

    /// A context on `session`; throws when its store could not be reached.
    init(session: IncidentSession, options: GlobalOptions) throws {
        self.session = session
        self.options = options
        store = try session.store()
        display = TimeDisplay(timeZone: session.timeZone)
    }

    /// The person's session; with `queue`, one that keeps entries in the outbox when the store is out of reach.
    /// The person's session on the store the options name, closed when the process ends unless `tracked` is
    /// false (a caller that may throw it away closes it itself: `ConnectionWait` makes one per attempt).
    static func session(_ options: GlobalOptions, create: Bool = false, queue: Bool = false,
                        tracked: Bool = true) async throws -> IncidentSession {
        let session = try await IncidentSession.connect(
            database: options.db, incident: options.incident, author: options.author, queuesWhenOffline: queue,
            create: create, environment: ProcessInfo.processInfo.environment,
            notices: { Output.warning($0.message) })
        if tracked { OpenStores.track(session) }
        return session
    }

    /// Posts `command` through the person's session and says what was recorded, or where it waits.
    /// `vet` sees the entry before it is handed over, the incident when it could be read, and "now"; it may
    /// refuse the entry.
    static func post(_ command: Command, options: GlobalOptions,
                     vet: (EventPayload, Incident?, Date) throws -> Void = { _, _, _ in }) async throws {
        let session = try await session(options, queue: options.queue)
        switch try await session.post(command, vet: vet) {
        case .posted(let event):
            // Read back with anything others appended meanwhile, so labels like D3 come from the real log order.
            let incident = try await session.incident(event.incident)
            let description = EventDescription(incident: incident, display: TimeDisplay(timeZone: session.timeZone))
            Output.line(description.confirmation(event, now: session.clock.now, command: command))
        case let .queued(draft, waiting, reason, offline: false):
            Output.warning("queued for \(draft.incident) in \(session.outbox?.path ?? "the outbox") (\(waiting) waiting) behind older entries \(session.storeName) did not take: \(reason)")
        case let .queued(draft, waiting, reason, offline: true):
            Output.warning("\(session.storeName) is out of reach (\(reason)): queued for \(draft.incident) in \(session.outbox?.path ?? "the outbox") (\(waiting) waiting); it is sent by the next crisis command or dashboard that reaches the store")
        }
    }

    /// The incident the command is about: `--incident`, `CRISIS_INCIDENT`, or the only open one.
    func incidentID() async throws -> IncidentID {
        try await session.incidentID()
    }

    /// Folds the incident's whole log.
    func incident() async throws -> Incident {
        try await store.incident(try await incidentID())
    }
}
