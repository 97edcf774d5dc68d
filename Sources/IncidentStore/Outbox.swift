import Foundation
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// What people typed while the store could not be reached, kept on disk in order until it is sent.
///
/// Every entry carries an idempotency key from the moment it is typed, so sending it twice (a crash between
/// the server's commit and the outbox's rewrite, two dashboards flushing the same outbox) records it once.
public final class Outbox: Sendable {
    /// One queued entry as stored: a line of JSON.
    struct Entry: Codable {
        let incident: IncidentID
        let author: String
        let idempotencyKey: String
        let queuedAt: Date
        let payload: EventPayload
        /// In the set-aside file only: why the store refused the entry, and when.
        var refusal: String? = nil
        var setAsideAt: Date? = nil
    }

    /// An entry the store refused for good, and why: what a person reads in `rejectedPath`.
    public struct SetAside: Sendable {
        public let draft: EventDraft
        public let reason: String
    }

    /// What a flush achieved.
    public struct FlushResult: Sendable {
        /// The events the store recorded, in the order they were typed.
        public let sent: [Event]
        /// Entries still waiting: the store went away again.
        public let remaining: Int
        /// Entries the store refused for good (an incident that does not exist, a payload it refuses), each
        /// with its reason, moved aside to `rejectedPath`.
        public let setAside: [SetAside]
        /// Why sending stopped early, if it did: a retryable error (the entries wait for the next flush) or
        /// a bug (they wait too, but trying again will not help until it is fixed).
        public let error: (any Error)?

        /// How many entries were set aside.
        public var rejected: Int { setAside.count }
    }

    public let path: String
    public var rejectedPath: String { path + ".rejected" }
    private var lockPath: String { path + ".lock" }

    /// The outbox for one store: `$XDG_STATE_HOME/crisis/outbox/<store>.jsonl` (default `~/.local/state`).
    public convenience init(for address: StoreAddress, environment: [String: String]) {
        let stateHome = StateHome.directory(environment: environment)
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/state/crisis")
        let name = address.displayName.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
        let directory = (stateHome as NSString).appendingPathComponent("outbox")
        self.init(path: (directory as NSString).appendingPathComponent(String(name.suffix(120)) + ".jsonl"))
    }

    public init(path: String) {
        self.path = path
    }

    /// Queues a draft, durably, behind whatever is already waiting. A draft without a key gets one.
    @discardableResult
    public func enqueue(_ draft: EventDraft, now: Date = Date()) throws -> EventDraft {
        let key = draft.idempotencyKey ?? UUID().uuidString
        let entry = Entry(incident: draft.incident, author: draft.author, idempotencyKey: key, queuedAt: now,
                          payload: draft.payload)
        var line = try EventCoding.makeEncoder(forStore: true).encode(entry)
        line.append(0x0A)
        try withLock {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw StoreError.failed("cannot write the outbox \(path): \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == line.count, fsync(descriptor) == 0 else {
                throw StoreError.failed("cannot write the outbox \(path): \(String(cString: strerror(errno)))")
            }
        }
        return EventDraft(incident: draft.incident, author: draft.author, payload: draft.payload, idempotencyKey: key)
    }

    /// The drafts waiting, oldest first.
    public func pending() throws -> [EventDraft] {
        try withLock { try readEntries() }.map(\.draft)
    }

    /// Whether anything waits. Asked on every change signal, so it only looks at the file: a sent-out outbox
    /// removes its file, and nothing is created for people who were never offline.
    public var isEmpty: Bool {
        // stat() itself: FileManager's attributes build a dictionary of everything, on every signal.
        var info = stat()
        guard stat(path, &info) == 0 else { return true }
        return info.st_size == 0
    }

    /// Sends what is waiting, in order, and keeps what could not be sent.
    ///
    /// What happens to an entry the store did not take depends on the error's `StoreErrorClass`: a retryable
    /// one stops the flush and keeps it and everything behind it, in order, for the next flush; a permanent
    /// one sets that entry aside, with the reason, and goes on with the next; a bug stops the flush and keeps
    /// everything, as the entry is not at fault.
    ///
    /// The file is read once per pass and rewritten every `batch` entries, not once per entry: rewriting it
    /// after each of n entries made a long outbox cost n² decodes. A crash between an append and the rewrite
    /// sends those entries again, and their idempotency keys record each one once.
    public func flush(to store: any IncidentStore, batch: Int = 32) async -> FlushResult {
        var sent: [Event] = []
        var setAside: [SetAside] = []
        var stoppedBy: (any Error)?
        // Handled (sent or refused) but still in the file, and the refused ones to set aside.
        var handled = Set<String>()
        var refused: [Entry] = []
        func rewrite() {
            guard !handled.isEmpty else { return }
            try? withLock { try remove(handled, settingAside: refused) }
            handled = []
            refused = []
        }
        passes: while true {
            let waiting: [Entry]
            do {
                waiting = try withLock { try readEntries() }.filter { !handled.contains($0.idempotencyKey) }
            } catch {
                rewrite()
                return FlushResult(sent: sent, remaining: 0, setAside: setAside, error: error)
            }
            guard !waiting.isEmpty else { break }
            for entry in waiting {
                do {
                    sent.append(try await store.append(entry.draft))
                } catch let error as StoreError where error.refusesOnlyThisEntry {
                    // Refused for good: set it aside with the reason rather than block everything behind it.
                    let reason = String(describing: error)
                    setAside.append(SetAside(draft: entry.draft, reason: reason))
                    var refusedEntry = entry
                    refusedEntry.refusal = reason
                    refusedEntry.setAsideAt = Date()
                    refused.append(refusedEntry)
                    stoppedBy = error
                } catch {
                    stoppedBy = error
                    break passes
                }
                handled.insert(entry.idempotencyKey)
                if handled.count >= batch { rewrite() }
            }
        }
        rewrite()
        let remaining = (try? withLock { try readEntries().count }) ?? 0
        return FlushResult(sent: sent, remaining: remaining, setAside: setAside, error: remaining > 0 ? stoppedBy : nil)
    }

    // MARK: - File handling, always under the lock

    private func readEntries() throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = EventCoding.makeDecoder()
        // A line cut short by a crash mid-write is the only thing that may be unreadable: skip it.
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(Entry.self, from: Data($0)) }
    }

    private func remove(_ keys: Set<String>, settingAside refused: [Entry]) throws {
        let entries = try readEntries()
        let encoder = EventCoding.makeEncoder(forStore: true)
        if !refused.isEmpty {
            var lines = Data()
            for entry in refused {
                lines.append(try encoder.encode(entry))
                lines.append(0x0A)
            }
            if let handle = FileHandle(forWritingAtPath: rejectedPath) {
                handle.seekToEndOfFile()
                handle.write(lines)
                try handle.close()
            } else {
                try lines.write(to: URL(fileURLWithPath: rejectedPath))
            }
        }
        let kept = entries.filter { !keys.contains($0.idempotencyKey) }
        if kept.isEmpty {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        var data = Data()
        for entry in kept {
            data.append(try encoder.encode(entry))
            data.append(0x0A)
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// An exclusive lock between processes sharing the outbox (two dashboards of one person).
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.failed("cannot lock the outbox \(lockPath): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw StoreError.failed("cannot lock the outbox \(lockPath)") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}

extension Outbox.Entry {
    var draft: EventDraft {
        EventDraft(incident: incident, author: author, payload: payload, idempotencyKey: idempotencyKey)
    }
}
