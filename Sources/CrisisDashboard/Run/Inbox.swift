import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How background work hands events to the loop's thread: a queue behind a mutex, and a pipe the loop
/// includes in its poll(), so it sleeps until something arrives instead of checking.
final class Inbox: Sendable {
    private let queue = Mutex<[DashboardEvent]>([])
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() throws(DashboardError) {
        let descriptors = try WakePipe.make()
        readDescriptor = descriptors.read
        writeDescriptor = descriptors.write
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// From any thread: queues the event and wakes the loop.
    func post(_ event: DashboardEvent) {
        queue.withLock { $0.append(event) }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1) // A full pipe already means "wake up".
    }

    /// On the loop's thread: everything queued, oldest first.
    func drain() -> [DashboardEvent] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
        return queue.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }
}
