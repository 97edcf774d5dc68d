import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// inotify on the directory that holds a SQLite database and its WAL, read by whoever polls `descriptor`: a
/// dashboard's own loop (one wake from another process's commit to its screen) or `FileChangeSignal`'s
/// watcher thread for everyone else.
///
/// The WAL's own writes are no good as the signal: SQLite writes the frames first and makes them visible a
/// moment later through the shared-memory index, which inotify does not see, so a follower woken by the
/// write would often read nothing. Instead every writer touches the database file's times once its commit
/// is visible (`SQLiteIncidentStore.announceCommit`), and that attribute change is signalled at once: the
/// first read after it finds the event. Writes that no touch follows (another program, a writer killed
/// between commit and touch) are still caught by a few trailing signals after a write.
///
/// One wake per commit's writes, not one per page: a commit writes each page of the WAL with two system calls,
/// and every one of them woke every follower, about ten wakes per typed line in each open terminal, on the cores
/// the writer was committing on. So once a write is seen, writes stop being watched (the watch is narrowed to
/// the announcement) until the next look, which the announcement or the first trailing signal brings.
///
/// Used by one thread at a time.
public final class PollableChangeSignal {
    /// What a look at the descriptor found.
    public enum Check: Equatable, Sendable {
        /// Nothing that followers need to read.
        case nothing
        /// Something may have been appended: read now.
        case look
        /// The watch is gone (the directory was removed): nothing more will come.
        case closed
    }

    /// After a write that no commit announcement followed: signal after these delays (milliseconds). The
    /// first is well beyond a commit's fsync and its announcement, even on a loaded machine: a trailing
    /// signal before them would wake followers to read nothing (seen at 15 ms with both cores busy). Only
    /// writes no crisis announces wait this long: another program's, or a writer killed mid-commit.
    static let trailingDelays: [Int] = [250, 1000, 3000]

    /// Readable when the kernel has something to report; non-blocking.
    public let descriptor: Int32
    private let directory: String
    private let announced: String
    private let written: Set<String>
    /// Whether the watch includes writes (IN_MODIFY) right now; see the type's comment.
    private var watchingWrites = true
    /// Milliseconds on a monotonic clock; the tests' own clock moves the trailing signals' time.
    private let milliseconds: () -> UInt64
    private var pendingTrailers: [Int] = []
    private var nextTrailerAt: UInt64 = 0
    private let buffer: UnsafeMutableRawPointer

    /// `announced` is the file whose attribute change announces a commit; a write to any of `written`
    /// arms the trailing signals. Nil when inotify cannot watch the directory.
    init?(directory: String, announced: String, written: Set<String>,
          milliseconds: @escaping () -> UInt64 = PollableChangeSignal.monotonicMilliseconds) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        guard inotify_add_watch(descriptor, directory, Self.mask(watchingWrites: true)) >= 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.directory = directory
        self.announced = announced
        self.written = written
        self.milliseconds = milliseconds
        buffer = UnsafeMutableRawPointer.allocate(byteCount: 64 * 1024, alignment: 8)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// What the watch reports. Not IN_CLOSE_WRITE: every command that opened the database for writing closes
    /// it on exit, after its commit was announced, and that would arm the trailing signals for nothing.
    private static func mask(watchingWrites: Bool) -> UInt32 {
        UInt32(IN_ATTRIB | IN_CREATE | IN_MOVED_TO) | (watchingWrites ? UInt32(IN_MODIFY) : 0)
    }

    /// Widens or narrows the watch (a second add on the same directory replaces its mask). Should the kernel
    /// refuse, the watch stays as it was: at worst one wake per page again, never a write missed.
    private func watchWrites(_ watching: Bool) {
        guard watching != watchingWrites,
              inotify_add_watch(descriptor, directory, Self.mask(watchingWrites: watching)) >= 0 else { return }
        watchingWrites = watching
    }

    /// How long a poll() may sleep before a trailing signal falls due; nil when none is pending.
    public func millisecondsToNextTrailer() -> Int32? {
        guard !pendingTrailers.isEmpty else { return nil }
        let now = milliseconds()
        return Int32(clamping: nextTrailerAt > now ? nextTrailerAt - now : 0)
    }

    /// Reads whatever the kernel reported since the last check and says whether followers should read now:
    /// a commit was announced, events were lost, or a trailing signal fell due.
    public func check() -> Check {
        var look = false
        reading: while true {
            let count = read(descriptor, buffer, 64 * 1024)
            if count > 0 {
                guard let batch = classify(count: count) else { return .closed }
                if batch.announced {
                    look = true
                    pendingTrailers = []
                }
                if batch.writtenSinceAnnouncement {
                    pendingTrailers = Self.trailingDelays
                    nextTrailerAt = milliseconds() + UInt64(Self.trailingDelays[0])
                    watchWrites(false)
                }
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { break reading }
            return .closed
        }
        if !pendingTrailers.isEmpty, milliseconds() >= nextTrailerAt {
            look = true
            pendingTrailers.removeFirst()
            if let delay = pendingTrailers.first { nextTrailerAt = milliseconds() + UInt64(delay) }
        }
        // Writes are watched again before the caller looks: one that lands after the look wakes it.
        if look { watchWrites(true) }
        return look ? .look : .nothing
    }

    /// What a batch of inotify events amounts to.
    private struct Batch {
        /// A commit was announced (or events were lost): look now.
        var announced = false
        /// Something was written after the batch's last announcement: arm the trailing signals.
        var writtenSinceAnnouncement = false
    }

    /// Reads a batch of inotify events; nil when the watch has ended (the directory was removed or unmounted).
    /// Order matters: a commit announced after the writes that made it needs no trailing signals, but writes
    /// after the last announcement still do, and an announcement followed by another write is still looked at.
    private func classify(count: Int) -> Batch? {
        var batch = Batch()
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let mask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
            let nameLength = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
            if mask & UInt32(IN_IGNORED) != 0 {
                return nil
            } else if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                batch.announced = true
            } else if nameLength > 0 {
                let name = String(cString: (buffer + offset + headerSize).assumingMemoryBound(to: CChar.self))
                if name == announced && mask & UInt32(IN_ATTRIB) != 0 {
                    batch.announced = true
                    batch.writtenSinceAnnouncement = false
                } else if name == announced || written.contains(name) {
                    batch.writtenSinceAnnouncement = true
                }
            }
            offset += headerSize + nameLength
        }
        return batch
    }

    static func monotonicMilliseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1000 + UInt64(spec.tv_nsec) / 1_000_000
    }
}
