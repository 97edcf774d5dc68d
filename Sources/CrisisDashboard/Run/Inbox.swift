import Foundation
import Synchronization

/// How background work hands events to the loop's thread: a queue behind a mutex, and a pipe the loop
/// includes in its poll(), so it sleeps until something arrives instead of checking.
final class Inbox: Sendable {
    private let queue = Mutex<[DashboardEvent]>([])
    private let wakeUp: WakeUp
    var readDescriptor: Int32 { wakeUp.readDescriptor }

    init() throws(DashboardError) {
        wakeUp = try WakeUp()
    }

    /// From any thread: queues the event and wakes the loop.
    func post(_ event: DashboardEvent) {
        queue.withLock { $0.append(event) }
        wakeUp.wake()
    }

    /// On the loop's thread: everything queued, oldest first.
    func drain() -> [DashboardEvent] {
        wakeUp.drain()
        return queue.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }
}
