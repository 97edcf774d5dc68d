import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking, close-on-exec pipe: how other threads and signal handlers wake the loop's poll().
enum WakePipe {
    static func make() throws(DashboardError) -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else {
            throw DashboardError("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        return (descriptors[0], descriptors[1])
    }
}
