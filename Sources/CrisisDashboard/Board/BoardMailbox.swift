import Foundation
import IncidentModel
import Synchronization

/// How the board's follower hands news to the board's thread: only the newest list of open incidents is kept
/// (an older one is worthless once a newer arrives, however long the commander looked at one incident), and a
/// pipe in the loop's poll() wakes it.
final class BoardMailbox: Sendable {
    private let latest = Mutex<BoardEvent?>(nil)
    private let wakeUp: WakeUp
    var readDescriptor: Int32 { wakeUp.readDescriptor }

    init() throws(DashboardError) {
        wakeUp = try WakeUp()
    }

    /// From any thread: replaces what waits and wakes the loop.
    func post(_ event: BoardEvent) {
        latest.withLock { $0 = event }
        wakeUp.wake()
    }

    /// On the loop's thread: what waits, if anything.
    func take() -> BoardEvent? {
        wakeUp.drain()
        return latest.withLock { event in
            defer { event = nil }
            return event
        }
    }
}
