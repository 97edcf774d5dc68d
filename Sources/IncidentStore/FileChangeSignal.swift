import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Wakes followers when another process writes to the database, without polling: inotify on the directory
/// that holds the database and its WAL.
///
/// The WAL's own writes are no good as the signal: SQLite writes the frames first and makes them visible a
/// moment later through the shared-memory index, which inotify does not see, so a follower woken by the
/// write would often read nothing. Instead every writer touches the database file's times once its commit
/// is visible (`SQLiteIncidentStore.announceCommit`), and that attribute change is signalled at once: the
/// first read after it finds the event. Writes that no touch follows (another program, a writer killed
/// between commit and touch) are still caught by a few trailing signals after the last write.
enum FileChangeSignal {
    /// Watcher threads still running, by directory: a stream that ended must not leave one behind.
    static let liveWatchers = Mutex<[String: Int]>([:])

    /// After a write that no commit announcement followed: signal after these delays (milliseconds). The
    /// first is well beyond a commit's fsync and its announcement, even on a loaded machine: a trailing
    /// signal before them would wake followers to read nothing (seen at 15 ms with both cores busy). Only
    /// writes no crisis announces wait this long: another program's, or a writer killed mid-commit.
    static let trailingDelays: [Int] = [250, 1000, 3000]

    /// `announced` is the file whose attribute change announces a commit; a write to any of `written`
    /// arms the trailing signals.
    static func stream(directory: String, announced: String, written: Set<String>) -> AsyncStream<Void> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else {
                continuation.finish()
                return
            }
            // Not IN_CLOSE_WRITE: every command that opened the database for writing closes it on exit, after
            // its commit was announced, and that would arm the trailing signals for nothing.
            let mask = UInt32(IN_ATTRIB | IN_MODIFY | IN_CREATE | IN_MOVED_TO)
            guard inotify_add_watch(descriptor, directory, mask) >= 0 else {
                close(descriptor)
                continuation.finish()
                return
            }
            // Closing a descriptor does not wake a poll() on it in another thread: a pipe tells the watcher
            // to stop, and the watcher closes both descriptors itself.
            var stop: [Int32] = [0, 0]
            guard pipe(&stop) == 0 else {
                close(descriptor)
                continuation.finish()
                return
            }
            let (stopRead, stopWrite) = (stop[0], stop[1])
            _ = fcntl(stopRead, F_SETFD, FD_CLOEXEC)
            _ = fcntl(stopWrite, F_SETFD, FD_CLOEXEC)
            liveWatchers.withLock { $0[directory, default: 0] += 1 }
            let watcher = Thread {
                Thread.current.name = "crisis-watch"
                watch(descriptor: descriptor, stop: stopRead, announced: announced, written: written,
                      continuation: continuation)
                close(descriptor)
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

    private static func watch(descriptor: Int32, stop: Int32, announced: String, written: Set<String>,
                              continuation: AsyncStream<Void>.Continuation) {
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
        var pendingTrailers: [Int] = []
        var nextTrailerAt: UInt64 = 0
        watching: while true {
            let timeout: Int32
            if pendingTrailers.isEmpty {
                timeout = -1
            } else {
                let now = monotonicMilliseconds()
                timeout = Int32(clamping: nextTrailerAt > now ? nextTrailerAt - now : 0)
            }
            let ready = poll(&descriptors, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 {
                continuation.yield()
                pendingTrailers.removeFirst()
                if let delay = pendingTrailers.first { nextTrailerAt = monotonicMilliseconds() + UInt64(delay) }
                continue
            }
            if descriptors[1].revents != 0 { break }
            if descriptors[0].revents & Int16(POLLNVAL | POLLERR | POLLHUP) != 0 { break }
            let count = read(descriptor, buffer, bufferSize)
            if count <= 0 {
                if count < 0 && errno == EINTR { continue }
                break
            }
            switch classify(buffer, count: count, announced: announced, written: written) {
            case .nothing:
                break
            case .announced:
                if case .terminated = continuation.yield() { break watching }
                pendingTrailers = []
            case .written:
                pendingTrailers = trailingDelays
                nextTrailerAt = monotonicMilliseconds() + UInt64(trailingDelays[0])
            }
        }
        continuation.finish()
    }

    private enum Change { case nothing, announced, written }

    /// What a batch of inotify events amounts to. Order matters: a commit announced after the writes that
    /// made it needs no trailing signals, but writes after the last announcement still do.
    private static func classify(_ buffer: UnsafeMutableRawPointer, count: Int, announced: String,
                                 written: Set<String>) -> Change {
        var change = Change.nothing
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let mask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
            let nameLength = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                change = .announced // Events were lost: look at once.
            } else if nameLength > 0 {
                let name = String(cString: (buffer + offset + headerSize).assumingMemoryBound(to: CChar.self))
                if name == announced && mask & UInt32(IN_ATTRIB) != 0 {
                    change = .announced
                } else if name == announced || written.contains(name) {
                    change = .written
                }
            }
            offset += headerSize + nameLength
        }
        return change
    }

    private static func monotonicMilliseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1000 + UInt64(spec.tv_nsec) / 1_000_000
    }
}
