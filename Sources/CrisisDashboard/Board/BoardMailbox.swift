import Foundation
import IncidentModel
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How the board's follower hands news to the board's thread: only the newest list of open incidents is kept
/// (an older one is worthless once a newer arrives, however long the commander looked at one incident), and a
/// pipe in the loop's poll() wakes it.
final class BoardMailbox: Sendable {
    private let latest = Mutex<BoardEvent?>(nil)
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

    /// From any thread: replaces what waits and wakes the loop.
    func post(_ event: BoardEvent) {
        latest.withLock { $0 = event }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// On the loop's thread: what waits, if anything.
    func take() -> BoardEvent? {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
        return latest.withLock { event in
            defer { event = nil }
            return event
        }
    }
}
