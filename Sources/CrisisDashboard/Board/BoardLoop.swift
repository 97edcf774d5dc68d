import Foundation
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// The board's loop on the screen's thread: sleeps in poll() on the keyboard, the mailbox and the signal pipe
/// until the next second, updates the state and draws. It returns when the commander quits or opens an
/// incident; the state (rows, filter, the chosen row) stays for when they come back.
final class BoardLoop {
    enum Choice: Equatable { case quit, open(IncidentID) }

    private let configuration: BoardConfiguration
    private let mailbox: BoardMailbox
    private(set) var state: BoardState
    private let view: BoardView
    private var terminal = TerminalInput()

    init(configuration: BoardConfiguration, mailbox: BoardMailbox) {
        self.configuration = configuration
        self.mailbox = mailbox
        let session = configuration.session
        view = BoardView(display: TimeDisplay(timeZone: session.timeZone))
        state = BoardState(now: session.clock.now, timeZone: session.timeZone, width: 0, height: 0,
                           options: configuration.options, filter: configuration.filterFile?.load() ?? BoardFilter())
    }

    /// Says something on the board's status line when it is next shown (an incident that could not be opened).
    func say(_ message: String, error: Bool = true) {
        state.status = StatusMessage(message, kind: error ? .error : .info)
    }

    func run(on screen: CursesScreen) throws -> Choice {
        let signalDescriptor = try TerminationSignals.install()
        // Whatever happened to the terminal while an incident was open, the board takes it as it is now.
        _ = state.update(.resize(width: screen.width, height: screen.height))
        _ = state.update(.tick(configuration.session.clock.now))
        if let news = mailbox.take() { _ = state.update(news) }
        screen.show(view.render(state))
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: mailbox.readDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&descriptors, nfds_t(descriptors.count), millisecondsToNextSecond())
            if ready < 0 && errno != EINTR {
                throw DashboardError("waiting for input failed: \(String(cString: strerror(errno)))")
            }
            var events: [BoardEvent] = []
            if descriptors[2].revents != 0 {
                guard let redraw = TerminationSignals.answer(on: screen) else { return .quit }
                if redraw { events.append(.resize(width: screen.width, height: screen.height)) }
            }
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .quit }
            if let news = mailbox.take() { events.append(news) }
            let (keys, resized) = try terminal.read(screen, readable: descriptors[0].revents & Int16(POLLIN) != 0)
            if resized { events.append(.resize(width: screen.width, height: screen.height)) }
            events += keys.map { .key($0) }
            if keys.contains(.control("l")) { screen.invalidate() }
            if keys.contains(.control("z")) {
                screen.stopped { TerminationSignals.stopUntilContinued(wholeGroup: true) }
                events.append(.resize(width: screen.width, height: screen.height))
            }
            events.append(.tick(configuration.session.clock.now))
            for event in events {
                for effect in state.update(event) {
                    switch effect {
                    case .quit: return .quit
                    case .open(let id): return .open(id)
                    case .saveFilter(let filter):
                        if let problem = configuration.filterFile?.save(filter) { say(problem) }
                    }
                }
            }
            screen.show(view.render(state))
        }
    }

    private func millisecondsToNextSecond() -> Int32 {
        let now = configuration.session.clock.now.timeIntervalSince1970
        let fraction = now - now.rounded(.down)
        return Int32(max(1, min(1000, ((1 - fraction) * 1000).rounded(.up))))
    }
}
