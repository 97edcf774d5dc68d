import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How other threads wake a loop sleeping in poll(): a pipe whose read end is in the loop's poll() set.
final class WakeUp: Sendable {
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

    /// From any thread.
    func wake() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1) // A full pipe already means "wake up".
    }

    /// On the loop's thread, before it looks at what it was woken for.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
    }
}
