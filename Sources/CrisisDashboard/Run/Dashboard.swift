import Foundation
import IncidentModel
import IncidentSession
import IncidentStore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Opens the dashboard on an incident and runs it until the person quits or a signal arrives.
public enum Dashboard {
    /// Refuses to start without a terminal (a loop reading a closed stdin would spin), reads the log,
    /// follows the store in the background and runs the screen on a thread of its own.
    public static func run(_ configuration: DashboardConfiguration) async throws {
        _ = try await runIncident(configuration, screen: nil)
    }

    /// The dashboard of one incident, on the board's screen when opened from the board (else on a screen of
    /// its own), until the person quits or goes back to the board.
    static func runIncident(_ configuration: DashboardConfiguration, screen: ScreenHandOff?) async throws -> DashboardExit {
        try checkTerminal()
        let store = try configuration.session.store()
        // Subscribe before the first read, so nothing appended in between is missed. A local store's signal
        // is polled by the loop itself (one wake from a commit to the screen); a server's comes through a task.
        let signal = store.pollableChanges()
        let changes = signal == nil ? store.changes() : nil
        let log = LogHandOff(try await store.events(of: configuration.incident, after: 0))
        guard let last = log.lastSequence else {
            throw DashboardError("\(configuration.incident) does not exist: see 'crisis list --all'")
        }
        let inbox = try Inbox()
        // The screen is the dashboard's: what the session sends on its own is shown on it, not on stderr. A
        // refused entry is worth a line; the header already counts what waits and says when it was sent.
        configuration.session.redirectNotices { notice in
            if case .setAside = notice { inbox.post(.postFailed(notice.message, text: nil)) }
        }
        let follow = IncidentFollow(configuration.session, incident: configuration.incident, after: last) { update in
            inbox.post(DashboardEvent(update))
        }
        // The loop polls a local signal itself; one look now still sends the outbox, reads what came since the
        // first read, and says so if the store is out of reach.
        let following = changes.map { changes in Task { await follow.run(changes) } } ?? Task { await follow.catchUp() }
        let chainWatch = ChainWatch(store: store, incident: configuration.incident) { problem in
            inbox.post(.chainBroken(problem))
        }
        defer {
            following.cancel()
            follow.stopRetrying()
            chainWatch.stop()
        }
        let handOff = SignalHandOff(signal)
        // curses is not thread-safe and the loop blocks in poll(): it gets a thread of its own, leaving the
        // cooperative pool to the store.
        return try await Board.onOwnThread(named: "crisis-dashboard") {
            try DashboardLoop(configuration: configuration, log: log.take(), inbox: inbox, follow: follow,
                              signal: handOff.signal, chainWatch: chainWatch).run(on: screen?.screen)
        }
    }

    /// One clear line instead of a screen that cannot work.
    /// `screen` names what needs it; `pipe` and `file` say what to run instead in a script or to a file.
    public static func checkTerminal(for screen: String = "the dashboard", pipe: String = "'crisis log --follow'",
                                     file: String = "'crisis show' or 'crisis log'") throws(DashboardError) {
        guard isatty(STDIN_FILENO) == 1 else {
            throw DashboardError("\(screen) needs a terminal, and standard input is not one: run it in a terminal (for a pipe or a script, use \(pipe))")
        }
        guard isatty(STDOUT_FILENO) == 1 else {
            throw DashboardError("\(screen) needs a terminal, and standard output is not one: do not redirect it (for a file, use \(file))")
        }
    }
}

/// Carries the store's change signal to the screen's thread, its only user from then on.
private struct SignalHandOff: @unchecked Sendable {
    let signal: PollableChangeSignal?
    init(_ signal: PollableChangeSignal?) { self.signal = signal }
}

extension DashboardEvent {
    /// What the session's follow reports, as the dashboard's state takes it.
    init(_ update: FollowUpdate) {
        switch update {
        case .events(let events): self = .storeEvents(events)
        case let .connection(connection, queued): self = .connection(connection, queued: queued)
        case .readFailed(let message): self = .postFailed(message, text: nil)
        }
    }
}

/// Carries the opening log to the screen's thread and lets go of it there, so the dashboard's state holds the
/// only copy: at 100 000 events a second one costs megabytes, and the first new event would copy it all.
private final class LogHandOff: Sendable {
    private let log: Mutex<[Event]>
    let lastSequence: Int?

    init(_ log: [Event]) {
        lastSequence = log.last?.sequence
        self.log = Mutex(log)
    }

    func take() -> [Event] {
        log.withLock { log in
            defer { log = [] }
            return log
        }
    }
}
