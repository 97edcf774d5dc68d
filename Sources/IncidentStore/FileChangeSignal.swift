import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Wakes followers when another process writes to the database, without polling: inotify on the directory
/// that holds the database and its WAL.
///
/// A writer's WAL append becomes visible to readers a moment after the write that inotify reports, so each
/// burst of writes is followed by a few trailing signals; a follower that found nothing the first time finds
/// the event on the next one.
enum FileChangeSignal {
    /// Watcher threads still running, by directory: a stream that ended must not leave one behind.
    static let liveWatchers = Mutex<[String: Int]>([:])

    /// After a change: signal at once, then again after these delays (milliseconds).
    static let trailingDelays: [Int] = [3, 15, 60, 250]

    static func stream(directory: String, names: Set<String>) -> AsyncStream<Void> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else {
                continuation.finish()
                return
            }
            let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO)
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
                watch(descriptor: descriptor, stop: stopRead, names: names, continuation: continuation)
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

    private static func watch(descriptor: Int32, stop: Int32, names: Set<String>,
                              continuation: AsyncStream<Void>.Continuation) {
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
        var pendingTrailers: [Int] = []
        var nextTrailerAt: UInt64 = 0
        while true {
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
            if containsWatchedName(buffer, count: count, names: names) {
                if case .terminated = continuation.yield() { break }
                pendingTrailers = trailingDelays
                nextTrailerAt = monotonicMilliseconds() + UInt64(trailingDelays[0])
            }
        }
        continuation.finish()
    }

    private static func containsWatchedName(_ buffer: UnsafeMutableRawPointer, count: Int, names: Set<String>) -> Bool {
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let nameLength = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
            if nameLength > 0 {
                let namePointer = (buffer + offset + headerSize).assumingMemoryBound(to: CChar.self)
                if names.contains(String(cString: namePointer)) { return true }
            }
            offset += headerSize + nameLength
        }
        return false
    }

    private static func monotonicMilliseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1000 + UInt64(spec.tv_nsec) / 1_000_000
    }
}
