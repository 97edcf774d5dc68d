import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Wakes asynchronous followers when another process writes to the database, without polling: a thread of
/// its own polls a `PollableChangeSignal` (which explains what counts as a change) and yields to a stream.
/// A dashboard's loop polls the signal itself instead, and skips this thread.
enum FileChangeSignal {
    /// Watcher threads still running, by directory: a stream that ended must not leave one behind.
    static let liveWatchers = Mutex<[String: Int]>([:])

    static func stream(directory: String, announced: String, written: Set<String>) -> AsyncStream<Void> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            guard let signal = PollableChangeSignal(directory: directory, announced: announced, written: written) else {
                continuation.finish()
                return
            }
            // Closing a descriptor does not wake a poll() on it in another thread: a pipe tells the watcher
            // to stop, and the watcher closes its end itself.
            var stop: [Int32] = [0, 0]
            guard pipe(&stop) == 0 else {
                continuation.finish()
                return
            }
            let (stopRead, stopWrite) = (stop[0], stop[1])
            _ = fcntl(stopRead, F_SETFD, FD_CLOEXEC)
            _ = fcntl(stopWrite, F_SETFD, FD_CLOEXEC)
            liveWatchers.withLock { $0[directory, default: 0] += 1 }
            let watched = UncheckedSignal(signal)
            let watcher = Thread {
                Thread.current.name = "crisis-watch"
                watch(watched.signal, stop: stopRead, continuation: continuation)
                close(stopRead)
                liveWatchers.withLock { $0[directory, default: 1] -= 1 }
            }
            watcher.start()
            continuation.onTermination = { _ in
                var byte: UInt8 = 1
                _ = write(stopWrite, &byte, 1)
                close(stopWrite)
            }
        }
    }

    /// Hands the signal to the watcher thread, its only user from then on.
    private struct UncheckedSignal: @unchecked Sendable {
        let signal: PollableChangeSignal
        init(_ signal: PollableChangeSignal) { self.signal = signal }
    }

    private static func watch(_ signal: PollableChangeSignal, stop: Int32,
                              continuation: AsyncStream<Void>.Continuation) {
        var descriptors = [pollfd(fd: signal.descriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
        watching: while true {
            let ready = poll(&descriptors, 2, signal.millisecondsToNextTrailer() ?? -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if descriptors[1].revents != 0 { break }
            if descriptors[0].revents & Int16(POLLNVAL | POLLERR | POLLHUP) != 0 { break }
            switch signal.check() {
            case .nothing: break
            case .look: if case .terminated = continuation.yield() { break watching }
            case .closed: break watching
            }
        }
        continuation.finish()
    }
}
