import Foundation
import IncidentModel
import IncidentSession
import IncidentStore

/// The commander's board: every open incident on one screen, live, and any of them opened in its split view
/// in the same process and the same terminal, and back again.
public enum Board {
    public static func run(_ configuration: BoardConfiguration) async throws {
        try Dashboard.checkTerminal(for: "the board", pipe: "'crisis list'", file: "'crisis list --json'")
        let store = try configuration.session.store()
        let mailbox = try BoardMailbox()
        // One follower for the board's whole life: the store's change signal, then the open incidents' digests.
        let following = Task {
            await look(store, mailbox)
            for await _ in store.changes() { await look(store, mailbox) }
        }
        defer { following.cancel() }
        // Every open incident's promise is kept while the board is up, not only the one on screen: reminders fall
        // due and notices are delivered by whichever process gets there first (a wall writes nothing).
        let keeping = configuration.firer.map { firer in
            Task {
                let watcher = IncidentWatcher(session: configuration.session, firer: firer, duty: .openPromises)
                while !Task.isCancelled {
                    try? await watcher.look(now: configuration.session.clock.now)
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
        defer { keeping?.cancel() }
        let screen = ScreenHandOff(try CursesScreen(theme: configuration.theme))
        defer { screen.screen.close() }
        _ = try TerminationSignals.install()
        TerminationSignals.wakeOnResize()
        let loop = BoardLoop(configuration: configuration, mailbox: mailbox)
        while true {
            let choice = try await onOwnThread(named: "crisis-board") { try loop.run(on: screen.screen) }
            guard case .open(let id) = choice else { return }
            do {
                if try await Dashboard.runIncident(configuration.dashboard(for: id), screen: screen) == .quit { return }
            } catch let error as DashboardError {
                loop.say(error.message)
            } catch {
                // The store out of reach as the incident was read, say: the board stays, and says why.
                loop.say("\(id) could not be opened: \(error)")
            }
        }
    }

    /// Reads every open incident's digest for the board; a failure is shown, and the next change tries again.
    private static func look(_ store: any IncidentStore, _ mailbox: BoardMailbox) async {
        do {
            mailbox.post(.incidents(try await store.digests(.open).digests))
        } catch {
            mailbox.post(.readFailed("\(error)"))
        }
    }

    /// curses is not thread-safe and a loop blocks in poll(): each loop gets a thread of its own, one at a time.
    static func onOwnThread<T: Sendable>(named name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = name
            thread.start()
        }
    }
}

/// Carries the one curses screen between the board's thread and an incident's, used by one at a time.
final class ScreenHandOff: @unchecked Sendable {
    let screen: CursesScreen
    init(_ screen: CursesScreen) { self.screen = screen }
}

extension BoardLoop: @unchecked Sendable {}
