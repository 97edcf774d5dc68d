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

    /// Opens the store; only `open` may create it.
    init(_ options: GlobalOptions, create: Bool = false) async throws {
        self.options = options
        environment = ProcessInfo.processInfo.environment
        clock = try Self.clock(environment: environment)
        display = TimeDisplay(timeZone: .current)
        author = try Self.author(option: options.author, environment: environment)
        let address = try StoreAddress.resolve(option: options.db, environment: environment)
        store = try await address.open(create: create, environment: environment, clock: clock)
        OpenStores.track(store)
    }

    /// The incident the command is about: `--incident`, `CRISIS_INCIDENT`, or the only open one.
    func incidentID() async throws -> IncidentID {
        if let raw = options.incident ?? environment["CRISIS_INCIDENT"].flatMap({ $0.isEmpty ? nil : $0 }) {
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
    func post(_ command: Command) async throws {
        var incident = try await incident()
        let payload = try command.payload(for: incident, now: clock.now, timeZone: display.timeZone)
        let event = try await store.append(EventDraft(incident: incident.id, author: author, payload: payload))
        // Catch up with anything others appended meanwhile, so labels like D3 come from the real log order.
        for missed in try await store.events(of: incident.id, after: incident.lastSequence) {
            try incident.apply(missed)
        }
        let description = EventDescription(incident: incident, display: display)
        Output.line(description.confirmation(event, now: clock.now))
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
