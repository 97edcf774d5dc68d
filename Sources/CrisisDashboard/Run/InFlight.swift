import Synchronization

/// One piece of background work at a time: `begin` says whether this caller may start it.
final class InFlight: Sendable {
    private let busy = Mutex(false)

    func begin() -> Bool {
        busy.withLock { busy in
            if busy { return false }
            busy = true
            return true
        }
    }

    func end() {
        busy.withLock { $0 = false }
    }
}
