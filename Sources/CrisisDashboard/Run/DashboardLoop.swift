import Foundation
import IncidentModel
import IncidentSession
import IncidentStore
#if canImport(Glibc)
import Glibc
#endif

/// The loop on the screen's thread: sleeps in poll() on the keyboard, the inbox, the signal pipe and a local
/// store's change signal until the next second boundary, turns whatever woke it into events, updates the
/// state, carries out the effects and shows the new frame. Idle, it wakes once a second to tick the countdown.
///
/// Another process's commit wakes this loop once: the store's change signal is in its poll() set, and the
/// new events are read here, on this thread (`IncidentFollow.lookHere`), not handed from thread to thread.
final class DashboardLoop {
    private let configuration: DashboardConfiguration
    private let inbox: Inbox
    private let follow: IncidentFollow
    private var signal: PollableChangeSignal?
    /// Following on the store's own signal, once the local watch has ended; stopped with the loop.
    private var fallback: Task<Void, Never>?
    private var state: DashboardState
    private let view: DashboardView
    private var terminal = TerminalInput()
    /// Checks the hash chain of what the screen shows, in the background.
    private let chainWatch: ChainWatch?
    /// The last sequence the chain watch was told of.
    private var toldChainWatch = 0

    init(configuration: DashboardConfiguration, log: [Event], inbox: Inbox, follow: IncidentFollow,
         signal: PollableChangeSignal?, chainWatch: ChainWatch? = nil) throws {
        self.configuration = configuration
        self.inbox = inbox
        self.follow = follow
        self.signal = signal
        self.chainWatch = chainWatch
        view = DashboardView(display: TimeDisplay(timeZone: configuration.timeZone))
        state = try DashboardState(log: log, now: configuration.clock.now, timeZone: configuration.timeZone,
                                   width: 0, height: 0, options: configuration.options, focus: configuration.focus)
        if let history = configuration.history {
            state.composer.restore(history: history.load(limit: Composer.historyLimit))
        }
    }

    /// Runs until the person quits (or, opened from the board, goes back to it). `shared` is the board's
    /// screen, which this loop draws on and leaves open; without one it takes the terminal itself.
    func run(on shared: CursesScreen? = nil) throws -> DashboardExit {
        let signalDescriptor = try TerminationSignals.install()
        let screen = try shared ?? CursesScreen(theme: configuration.theme)
        defer {
            saveHistory()
            if shared == nil { screen.close() }
            fallback?.cancel()
        }
        TerminationSignals.wakeOnResize()
        _ = state.update(.resize(width: screen.width, height: screen.height))
        screen.show(view.render(state))
        // The chain is checked once the first frame is up: on a long log the check takes a few hundred
        // milliseconds of a core, which the first frame should not wait for.
        toldChainWatch = state.incident.lastSequence
        chainWatch?.sawEvents(through: toldChainWatch)

        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: inbox.readDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signal?.descriptor ?? -1, events: Int16(POLLIN), revents: 0),
        ]
        var shownSecond = -1
        while true {
            let timeout = min(millisecondsToNextSecond(), signal?.millisecondsToNextTrailer() ?? Int32.max)
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 && errno != EINTR {
                throw DashboardError("waiting for input failed: \(String(cString: strerror(errno)))")
            }
            var events: [DashboardEvent] = []
            if descriptors[2].revents != 0 {
                guard let redraw = TerminationSignals.answer(on: screen) else { return .quit }
                if redraw { events.append(.resize(width: screen.width, height: screen.height)) }
            }
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .quit } // The terminal is gone.

            if descriptors[3].revents != 0 || signal?.millisecondsToNextTrailer() == 0 { lookAtStore(&descriptors[3]) }
            // After the look: what it read is in the inbox, behind anything delivered before it.
            events += inbox.drain()
            let (keys, resized) = try terminal.read(screen, readable: descriptors[0].revents & Int16(POLLIN) != 0)
            if resized { events.append(.resize(width: screen.width, height: screen.height)) }
            events += keys.map { .key($0) }
            let now = configuration.clock.now
            events.append(.tick(now))
            if keys.contains(.control("l")) { screen.invalidate() }
            // The terminal is raw, so Ctrl-Z is a key, not a signal: stop as the terminal would have made us.
            if keys.contains(.control("z")) {
                screen.stopped { TerminationSignals.stopUntilContinued(wholeGroup: true) }
                events.append(.resize(width: screen.width, height: screen.height))
            }

            let remindersBefore = state.incident.reminders.count
            switch try handle(events, screen: screen) {
            case .quit: return .quit
            case .backToBoard: return .board
            case .goOn: break
            }
            // A reminder that arrives while the dashboard runs rings the bell on every screen, once.
            if state.incident.reminders.count > remindersBefore && configuration.options.bell { screen.bell() }
            // Draw only when something can have changed: an event besides the tick, or a new second on the
            // clock. A wake that brought nothing (a trailing change signal that found no new event, a
            // partial escape sequence) draws nothing: drawing is most of what a dashboard costs.
            let second = Int(now.timeIntervalSince1970.rounded(.down))
            if events.count > 1 || second != shownSecond {
                screen.show(view.render(state))
                tellChainWatch()
                if second != shownSecond { fireDueReminders(now: now) }
                shownSecond = second
            }
            saveHistory()
        }
    }

    private enum Outcome { case goOn, quit, backToBoard }

    /// Whether this dashboard is recording reminders right now: one try at a time.
    private let firing = InFlight()
    /// Whether this dashboard is delivering notices right now: one pass at a time.
    private let delivering = InFlight()

    /// Once a second: reminders that fell due, and notices due to subscribers, are recorded by whichever process gets there first (every
    /// dashboard and `crisis watch` try; the store keeps one). What is recorded arrives like any event.
    private func fireDueReminders(now: Date) {
        guard let firer = configuration.firer else { return }
        let incident = state.incident
        if !incident.dueReminders(now: now).isEmpty, firing.begin() {
            Task { [firing] in
                await firer.fireDue(in: incident, now: now)
                firing.end()
            }
        }
        // Deliveries apart: a slow sendmail or webhook holds up no reminder.
        if !incident.dueDeliveries(now: now).isEmpty, delivering.begin() {
            Task { [delivering] in
                await firer.deliverDue(in: incident, now: now)
                delivering.end()
            }
        }
    }

    /// Lines sent since the last frame, written to the history file once the frame is out: a person waits
    /// for the screen, not for a file.
    private var unsavedHistory: [String] = []

    private func saveHistory() {
        guard let history = configuration.history, !unsavedHistory.isEmpty else { return }
        for line in unsavedHistory { history.append(line, limit: Composer.historyLimit) }
        unsavedHistory.removeAll()
    }

    /// Updates the state with each event and carries out what it asks for.
    private func handle(_ events: [DashboardEvent], screen: CursesScreen) throws -> Outcome {
        var queue = events
        while !queue.isEmpty {
            let event = queue.removeFirst()
            let remembered = state.composer.history.last
            let effects = state.update(event)
            if configuration.history != nil, let line = state.composer.history.last, line != remembered {
                unsavedHistory.append(line)
            }
            for effect in effects {
                switch effect {
                case .quit:
                    return .quit
                case .backToBoard:
                    return .backToBoard
                case let .append(payload, text):
                    // Posted here and now: folded into this same frame, not the next one after a trip
                    // through the inbox.
                    if let posted = append(payload, text: text) { queue.insert(posted, at: 0) }
                case .openEditor(let start):
                    let text = screen.suspend { TerminationSignals.ignoringInterrupts { Self.edit(start) } }
                    queue.insert(.editorFinished(text), at: 0)
                }
            }
        }
        return .goOn
    }

    /// Has the chain watch check what the screen now shows. After the frame is out: its reading and hashing run
    /// on other threads, and on two cores they took CPU from the frame that a new entry was waiting for.
    private func tellChainWatch() {
        guard state.incident.lastSequence > toldChainWatch else { return }
        toldChainWatch = state.incident.lastSequence
        chainWatch?.sawEvents(through: toldChainWatch)
    }

    /// Another process may have committed: read what is new on this thread, into the inbox. A watch that
    /// ended (its directory removed) leaves following to a task on the store's own signal.
    private func lookAtStore(_ descriptor: inout pollfd) {
        guard let signal else { return }
        switch signal.check() {
        case .nothing:
            break
        case .look:
            follow.lookHere()
        case .closed:
            self.signal = nil
            descriptor.fd = -1
            if let store = try? configuration.session.store() {
                let follow = follow
                let changes = store.changes()
                fallback = Task { await follow.run(changes) }
            }
        }
    }

    /// Appends here and now when that overtakes nothing and waits for nothing (SQLite with its lock free: a
    /// commit of well under a millisecond, sooner than waking another thread to do it); otherwise the
    /// session takes it, behind everything before it. What was posted here and now is returned; the
    /// session's outcome comes through the inbox.
    private func append(_ payload: EventPayload, text: String?) -> DashboardEvent? {
        let session = configuration.session
        // The key goes with the entry from the moment it is typed.
        let draft = session.draft(payload, to: configuration.incident)
        do {
            if let event = try session.postHereIfFree(draft) { return .posted(event) }
        } catch {
            return .postFailed("not posted: \(error)", text: text)
        }
        session.submit(draft) { [inbox, follow] outcome in
            switch outcome {
            case .success(.posted(let event)):
                inbox.post(.posted(event))
            case let .success(.queued(_, waiting, reason, offline: true)):
                inbox.post(.queuedOffline(queued: waiting))
                follow.wentOffline(reason: reason)
            case let .success(.queued(_, waiting, reason, offline: false)):
                // Kept, but not because the store is away: older entries are stuck behind a fault to fix.
                inbox.post(.postFailed("kept in the outbox behind \(waiting - 1) older entr\(waiting == 2 ? "y" : "ies") the store did not take: \(reason)", text: nil))
            case .failure(let error):
                inbox.post(.postFailed("not posted: \(error)", text: text))
            }
        }
        return nil
    }

    private func millisecondsToNextSecond() -> Int32 {
        let now = configuration.clock.now.timeIntervalSince1970
        let fraction = now - now.rounded(.down)
        return Int32(max(1, min(1000, ((1 - fraction) * 1000).rounded(.up))))
    }

    /// Runs `$VISUAL` or `$EDITOR` (else `vi`) on a temporary file holding `start`; what is saved comes back.
    static func edit(_ start: String) -> String? {
        let directory = FileManager.default.temporaryDirectory
        let file = directory.appendingPathComponent("crisis-entry-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        guard FileManager.default.createFile(atPath: file.path, contents: Data(start.utf8)) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec ${VISUAL:-${EDITOR:-vi}} \"$1\"", "crisis-editor", file.path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return nil
        }
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: file.path) else {
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }
}
