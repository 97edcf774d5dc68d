import CrisisDashboard
import Foundation
import IncidentModel
import IncidentSession
import IncidentStore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A dashboard or board started while the store cannot be reached (the server is full, down, or refuses a
/// password just rotated) waits for it in the terminal instead of giving up: it says why in plain lines,
/// tries again with a growing pause, and opens by itself once the store answers.
///
/// Meanwhile the person may type: each line is posted through their session, which keeps it in the outbox,
/// and the dashboard sends the outbox first when it attaches, so an entry typed while waiting lands once.
/// Lines are read in the terminal's own line mode (its editing keys work), and the screen is not taken over
/// until there is something to show: a dashboard needs the incident's log to draw anything true.
struct ConnectionWait {
    let options: GlobalOptions
    /// Whether lines typed while waiting are taken: not on a wall, nor on the board (which has no incident).
    let takesEntries: Bool
    /// Plain text is a note on the technical channel and a briefing on the business one, as on the dashboard.
    let focus: PaneChannel

    /// The context on a store that answers: at once when it does, else after waiting for it.
    func context() async throws -> CommandContext {
        var session = try await CommandContext.session(options, queue: true, tracked: false)
        if let context = opened(session) { return context }
        var reason = Self.reason(session)
        say("crisis: \(reason.text)")
        say("The screen opens by itself once the store answers; Ctrl-C gives up.")
        let incident = try? session.choice.namedID()
        let lines = takesEntries ? LineReader() : nil
        defer { lines?.stop() }
        var entry = TypedEntry(focus: focus)
        if lines != nil {
            say(incident.map { "Meanwhile, type an entry for \($0) and press Enter (or /verb …): it waits in the outbox and is sent first." }
                ?? "Name the incident (--incident N or CRISIS_INCIDENT) to type entries while waiting.")
            prompt(entry, incident)
        }
        // Real time, not the session's clock: CRISIS_NOW may hold that one still.
        var pause = Duration.seconds(1)
        while true {
            let deadline = ContinuousClock.now.advanced(by: pause)
            while ContinuousClock.now < deadline {
                guard let lines, let line = await lines.next(before: deadline) else {
                    try await Task.sleep(until: deadline)
                    continue
                }
                if let incident {
                    await take(line, into: &entry, for: incident, session: session)
                    prompt(entry, incident)
                }
            }
            let attempt = try await CommandContext.session(options, queue: true, tracked: false)
            // The one it replaces has no store; what was typed through it is in the outbox by now.
            await session.close()
            session = attempt
            if let context = opened(session) {
                say("\ncrisis: connected; opening")
                return context
            }
            let now = Self.reason(session)
            if now.kind != reason.kind {
                reason = now
                say("\ncrisis: \(reason.text)")
                prompt(entry, incident)
            }
            // Up to 5 s, with jitter, so a room of terminals waiting for the same slot does not knock in step.
            pause = min(pause * 2, .seconds(5)) + .milliseconds(Int.random(in: 0...250))
        }
    }

    /// The context when `session` reached the store, its session then closed with the process's others; one
    /// session per attempt while waiting would otherwise pile up until the process ends.
    private func opened(_ session: IncidentSession) -> CommandContext? {
        guard let context = try? CommandContext(session: session, options: options) else { return nil }
        OpenStores.track(session)
        return context
    }

    /// Takes one typed line: a command is posted; a briefing's text and its next update wait for the next line.
    private func take(_ line: String, into entry: inout TypedEntry, for incident: IncidentID,
                      session: IncidentSession) async {
        let command: Command
        do throws(CommandError) {
            guard let complete = try entry.take(line) else { return }
            command = complete
        } catch {
            say(error.message)
            return
        }
        do {
            switch try await session.post(command, to: incident) {
            case .posted(let event):
                say("posted: \(incident) #\(event.sequence)")
            case let .queued(_, waiting, _, _):
                say("queued for \(incident) (\(waiting) waiting in the outbox): sent first when the screen opens")
            }
        } catch let error as CommandError {
            say("not queued: \(error.message)")
        } catch {
            say("not queued: \(error)")
        }
    }

    private func prompt(_ entry: TypedEntry, _ incident: IncidentID?) {
        guard takesEntries, incident != nil else { return }
        FileHandle.standardOutput.write(Data(entry.question.utf8))
    }

    /// Prints a line for the person at the terminal; what they typed, quoted back, cannot act on it.
    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((TerminalSafeText.sanitize(line, lines: .keep) + "\n").utf8))
    }

    /// Why the session has no store, as a front end says it: `kind` stays the same while the reason does
    /// (the figures' age changes with every attempt, and is not worth a new line).
    private static func reason(_ session: IncidentSession) -> (kind: String, text: String) {
        do {
            _ = try session.store()
            return ("connected", "connected")
        } catch StoreError.serverFull(let address, _, let figures) {
            let host = address.replacingOccurrences(of: "postgres://", with: "")
            return ("full", "\(ConnectionState.serverFullReason) at \(host)\(figures.map { " (\($0))" } ?? "")")
        } catch {
            return ("\(error)", "waiting for the store: \(error)")
        }
    }
}

/// What a line typed while waiting makes, asked as the dashboard's composer asks: plain text is a note on the
/// technical channel; on the business channel it is a briefing, whose next update and reason come next.
struct TypedEntry {
    let focus: PaneChannel
    private var briefing: String?
    private var next: String?

    init(focus: PaneChannel) {
        self.focus = focus
    }

    /// What to ask for next.
    var question: String {
        guard briefing != nil else { return "\(focus.rawValue)> " }
        return next == nil ? "next update (30m, 14:30)> " : "why then? (Enter to skip)> "
    }

    /// The command `line` completes, or nil when the entry needs another line.
    mutating func take(_ line: String) throws(CommandError) -> Command? {
        let trimmed = EntryText.trimmed(line)
        if let text = briefing {
            guard let next else {
                // The cadence is in the log, which cannot be read yet: the time is asked again, the text kept.
                if trimmed.isEmpty {
                    throw CommandError("give the next update's time (\(When.accepted)): the incident's cadence cannot be read while the store is out of reach")
                }
                self.next = trimmed
                return nil
            }
            self = TypedEntry(focus: focus)
            return try Command.brief(text, next: next.isEmpty ? nil : next, why: trimmed.isEmpty ? nil : trimmed)
        }
        if trimmed.isEmpty { return nil }
        if trimmed.hasPrefix("/") { return try CommandGrammar.parse(line: trimmed) }
        if focus == .technical { return try Command.note(validating: line) }
        _ = try EntryText.validated(line, "the briefing")
        briefing = line
        return nil
    }
}

/// Lines typed on standard input, read on a thread of its own so waiting for them never holds up the retries.
/// Stopped before the screen is taken over: it reads only whole lines the terminal has finished, and leaves
/// anything still being typed to the screen.
private final class LineReader: Sendable {
    private let lines = Mutex<[String]>([])
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init() {
        let thread = Thread { [self] in read() }
        thread.name = "crisis-wait-input"
        thread.start()
    }

    private func read() {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopped.load(ordering: .acquiring) {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0, !stopped.load(ordering: .acquiring) else { continue }
            let count = Glibc.read(STDIN_FILENO, &buffer, buffer.count)
            if count <= 0 { break }
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                lines.withLock { $0.append(line) }
            }
        }
        finished.signal()
    }

    /// The next whole line, or nil when none came before `deadline`.
    func next(before deadline: ContinuousClock.Instant) async -> String? {
        repeat {
            if let line = lines.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return line }
            try? await Task.sleep(for: .milliseconds(20))
        } while ContinuousClock.now < deadline
        return nil
    }

    func stop() {
        stopped.store(true, ordering: .releasing)
        finished.wait()
    }
}
