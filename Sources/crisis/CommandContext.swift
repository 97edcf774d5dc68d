import Foundation
import IncidentModel
import IncidentStore

/// What every verb needs once its arguments are checked: the store, the incident, the author, the clock.
/// Stores are opened only after the arguments are valid, so a bad command never creates or touches a file.
struct CommandContext {
    let store: any IncidentStore
    let author: String
    let clock: any IncidentClock
    let display: TimeDisplay
    let options: GlobalOptions
    let environment: [String: String]
    let outbox: Outbox

    /// Opens the store; only `open` may create it.
    init(_ options: GlobalOptions, create: Bool = false) async throws {
        self.options = options
        environment = ProcessInfo.processInfo.environment
        clock = try Self.clock(environment: environment)
        display = TimeDisplay(timeZone: .current)
        author = try Self.author(option: options.author, environment: environment)
        let address = try StoreAddress.resolve(option: options.db, environment: environment)
        outbox = Outbox(for: address, environment: environment)
        store = try await address.open(create: create, environment: environment, clock: clock)
        OpenStores.track(store)
        await sendQueued()
    }

    /// Whatever was queued while the store was out of reach goes out first, in order, before anything new.
    private func sendQueued() async {
        guard !outbox.isEmpty else { return }
        let result = await outbox.flush(to: store)
        if !result.sent.isEmpty {
            Output.warning("sent \(result.sent.count) entr\(result.sent.count == 1 ? "y" : "ies") queued while the store was out of reach")
        }
        if result.rejected > 0 {
            Output.warning("\(result.rejected) queued entr\(result.rejected == 1 ? "y was" : "ies were") refused by the store and set aside in \(outbox.rejectedPath)")
        }
        if result.remaining > 0 {
            Output.warning("\(result.remaining) queued entr\(result.remaining == 1 ? "y still waits" : "ies still wait") in \(outbox.path)")
        }
    }

    /// Posts `command`; when the store cannot be reached and `--queue` was given, keeps it in the outbox instead.
    /// `vet` sees the entry before it is written, the incident when it could be read, and "now"; it may refuse the entry.
    static func post(_ command: Command, options: GlobalOptions,
                     vet: (EventPayload, Incident?, Date) throws -> Void = { _, _, _ in }) async throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            try await CommandContext(options).post(command, vet: vet)
        } catch let error as QueueableFailure where options.queue {
            try queue(error.draft, options: options, environment: environment)
        } catch let error as StoreError where error.isRetryable && options.queue {
            // The store never answered: resolve the command without it.
            guard let raw = options.incident ?? environment["CRISIS_INCIDENT"], let id = IncidentID(parsing: raw) else {
                throw CommandError("\(error.description); to queue the entry, name the incident with --incident or CRISIS_INCIDENT")
            }
            let clock = try Self.clock(environment: environment)
            let payload = try command.offlinePayload(now: clock.now, timeZone: .current)
            try vet(payload, nil, clock.now)
            let author = try Self.author(option: options.author, environment: environment)
            try queue(EventDraft(incident: id, author: author, payload: payload), options: options, environment: environment)
        } catch let failure as QueueableFailure {
            throw failure.error
        }
    }

    private static func queue(_ draft: EventDraft, options: GlobalOptions, environment: [String: String]) throws {
        let address = try StoreAddress.resolve(option: options.db, environment: environment)
        let outbox = Outbox(for: address, environment: environment)
        try outbox.enqueue(draft)
        let waiting = (try? outbox.pending().count) ?? 1
        Output.warning("\(address.displayName) is out of reach: queued for \(draft.incident) in \(outbox.path) (\(waiting) waiting); it is sent by the next crisis command or dashboard that reaches the store")
    }

    /// The incident the command is about: `--incident`, `CRISIS_INCIDENT`, or the only open one.
    func incidentID() async throws -> IncidentID {
        try await Self.incidentID(option: options.incident, environment: environment, store: store)
    }

    /// The incident named by `option`, else `CRISIS_INCIDENT`, else the only open one (the latest once all are
    /// closed): shared with the shell completions, so Tab offers the labels of the incident a command would use.
    static func incidentID(option: String?, environment: [String: String],
                           store: any IncidentStore) async throws -> IncidentID {
        if let raw = option ?? environment["CRISIS_INCIDENT"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let id = IncidentID(parsing: raw) else {
                throw CommandError("'\(raw)' is not an incident id: use INC-<n> or <n>, like INC-3")
            }
            return id
        }
        let all = try await store.incidents()
        let open = all.filter(\.isOpen)
        switch open.count {
        case 0:
            // After closing, the debrief, the follow-ups and the parking lot still concern the latest incident.
            guard let latest = all.last else {
                throw CommandError("there are no incidents yet: open one with 'crisis open TITLE --severity N'")
            }
            return latest.id
        case 1:
            return open[0].id
        default:
            let names = open.map { "\($0.id) \"\($0.title)\"" }.joined(separator: ", ")
            throw CommandError("\(open.count) incidents are open (\(names)): choose one with --incident or CRISIS_INCIDENT")
        }
    }

    /// Folds the incident's whole log.
    func incident() async throws -> Incident {
        try await store.incident(try await incidentID())
    }

    /// Checks `command` against the incident as it stands, appends its event and says what was recorded.
    func post(_ command: Command, vet: (EventPayload, Incident?, Date) throws -> Void = { _, _, _ in }) async throws {
        var incident = try await incident()
        let payload = try command.payload(for: incident, now: clock.now, timeZone: display.timeZone)
        try vet(payload, incident, clock.now)
        // The key goes with the entry from the start, so a retry from the outbox can never record it twice.
        let draft = EventDraft(incident: incident.id, author: author, payload: payload, idempotencyKey: UUID().uuidString)
        let event: Event
        do {
            event = try await store.append(draft)
        } catch let error as StoreError where error.isRetryable {
            throw QueueableFailure(draft: draft, error: error)
        }
        // Catch up with anything others appended meanwhile, so labels like D3 come from the real log order.
        for missed in try await store.events(of: incident.id, after: incident.lastSequence) {
            try incident.apply(missed)
        }
        let description = EventDescription(incident: incident, display: display)
        Output.line(description.confirmation(event, now: clock.now, command: command))
    }

    /// The wall clock, unless `CRISIS_NOW` fixes "now" to an ISO 8601 time: for replaying an incident and for
    /// end-to-end tests that script hours of an incident in seconds.
    static func clock(environment: [String: String]) throws -> any IncidentClock {
        guard let fixed = environment["CRISIS_NOW"], !fixed.isEmpty else { return SystemClock() }
        guard let date = Timestamp.parseISO8601(fixed) else {
            throw CommandError("CRISIS_NOW '\(fixed)' is not an ISO 8601 time like 2026-11-23T14:30:00Z: unset it to use the real clock")
        }
        return ManualClock(date)
    }

    static func author(option: String?, environment: [String: String]) throws -> String {
        if let option, option.allSatisfy(\.isWhitespace) {
            throw CommandError("--as is empty: give the name to post as")
        }
        let candidates = [option, environment["CRISIS_AUTHOR"], environment["USER"], environment["LOGNAME"],
                          ProcessInfo.processInfo.userName]
        guard let name = candidates.compactMap({ $0 }).first(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            throw CommandError("who is posting? give --as NAME or set CRISIS_AUTHOR")
        }
        guard name.utf8.count <= 200, TerminalSafeText.isSafe(name), !name.contains("\n") else {
            throw CommandError("--as '\(name)' is not a usable name: at most 200 bytes of printable text")
        }
        return name
    }
}

/// An append that failed because the store went away mid-command: the draft, key included, can be queued.
struct QueueableFailure: Error {
    let draft: EventDraft
    let error: StoreError
}
