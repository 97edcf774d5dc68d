import Foundation
import IncidentModel
import IncidentStore
import Synchronization

/// Follows one incident from a sequence number on, for one consumer, and tells it in order: new events, the
/// connection going and coming back, problems. Two ways in, one record of how far it got:
///
/// - `run(_:)` waits on the store's change signal (LISTEN/NOTIFY on PostgreSQL, a watcher thread on SQLite)
///   and reads on Swift's tasks: for the command line, a server, and any store a loop cannot poll.
/// - `lookHere()` reads on the caller's own thread, for a screen's loop that polls the store's
///   `PollableChangeSignal` itself: one wake from another process's commit to the screen.
///
/// Either way, once the store answers again it sends the person's outbox first (through the session, in
/// turn with their posts) and then catches up from the last sequence reported, so an outage loses nothing.
/// `deliver` is called with the follow's lock held, so updates arrive in the order they were read.
public final class IncidentFollow: Sendable {
    private struct Progress {
        var lastSequence: Int
        var offlineSince: Date?
        var offlineReason: String?
        /// The task trying to get back while offline; one at most.
        var retrying: Task<Void, Never>?
    }

    public let incident: IncidentID
    private let session: IncidentSession
    private let progress: Mutex<Progress>
    private let deliver: @Sendable (FollowUpdate) -> Void

    public init(_ session: IncidentSession, incident: IncidentID, after sequence: Int,
                deliver: @escaping @Sendable (FollowUpdate) -> Void) {
        self.session = session
        self.incident = incident
        progress = Mutex(Progress(lastSequence: sequence))
        self.deliver = deliver
    }

    deinit {
        stopRetrying()
    }

    /// Catches up, then again on every signal, until `changes` ends or the task is cancelled.
    public func run(_ changes: AsyncStream<Void>) async {
        await catchUp()
        for await _ in changes {
            if Task.isCancelled { break }
            await catchUp()
        }
        stopRetrying()
    }

    /// Ends the retries, if any: the consumer has gone.
    public func stopRetrying() {
        progress.withLock { progress in
            progress.retrying?.cancel()
            progress.retrying = nil
        }
    }

    /// Reads what is new on the calling thread when the store can answer without waiting, and nothing is
    /// queued or offline; otherwise starts the same read on a task. For a loop whose change signal fired.
    public func lookHere() {
        let (last, offline) = progress.withLock { ($0.lastSequence, $0.offlineSince != nil) }
        if !offline, session.outbox?.isEmpty ?? true, let store = try? session.store(),
           let events = try? store.eventsWithoutWaiting(of: incident, after: last) {
            hand(events)
            return
        }
        Task { await catchUp() }
    }

    /// Sends what waits in the outbox, then reads and hands over anything new. Overlapping calls are
    /// harmless: the outbox's keys make a second send a no-op, and only events beyond the last one handed
    /// over are handed over.
    public func catchUp() async {
        do {
            // What the store refused is told through the session's notices, once, whoever sent it.
            if let result = try await session.sendOutbox(), let error = result.error, result.remaining > 0 {
                throw error
            }
            let last = progress.withLock { $0.lastSequence }
            hand(try await session.store().events(of: incident, after: last))
            let queued = session.queuedCount
            progress.withLock { progress in
                guard progress.offlineSince != nil else { return }
                progress.offlineSince = nil
                progress.offlineReason = nil
                deliver(.connection(.online, queued: queued))
            }
        } catch is CancellationError {
            return // The follower is being stopped: nothing went offline.
        } catch where StoreErrorClass(of: error) == .retryable {
            wentOffline(reason: Self.reason(error))
        } catch {
            // Neither offline nor to be retried in a loop: a damaged log, a bug. Said once per look.
            report(.readFailed("cannot read new events of \(incident): \(error)"))
        }
    }

    /// Says the store is out of reach (an append just found it so) and keeps trying until it is back.
    /// The state and what is reported change under one lock, so an "online" from a read that just
    /// succeeded can never be overtaken by a stale "offline".
    public func wentOffline(reason: String) {
        let now = session.clock.now
        let queued = session.queuedCount
        progress.withLock { progress in
            if progress.offlineSince == nil {
                progress.offlineSince = now
                progress.offlineReason = reason
                deliver(.connection(.offline(since: now, reason: reason), queued: queued))
            } else if let since = progress.offlineSince, progress.offlineReason != reason {
                // Still away, for another reason now (the connection was lost; now the server is full): said,
                // with the time it went away unchanged.
                progress.offlineReason = reason
                deliver(.connection(.offline(since: since, reason: reason), queued: queued))
            }
            guard progress.retrying == nil else { return }
            progress.retrying = Task { [weak self] in await self?.retryUntilOnline() }
        }
    }

    /// Tries again with a growing pause until a look finds the store answering.
    private func retryUntilOnline() async {
        var pause: UInt64 = 250_000_000
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: pause)
            // Checked and given up under one lock: an outage that starts now finds no retrier and starts one.
            let offline = progress.withLock { progress in
                if progress.offlineSince == nil { progress.retrying = nil }
                return progress.offlineSince != nil
            }
            guard offline, !Task.isCancelled else { return }
            await catchUp()
            pause = min(pause * 2, 4_000_000_000)
        }
    }

    /// Hands over the events beyond the last one handed over, under the lock, so two reads racing each
    /// other never deliver an event twice or out of order.
    private func hand(_ events: [Event]) {
        progress.withLock { progress in
            let new = events.filter { $0.sequence > progress.lastSequence }
            guard let last = new.last else { return }
            progress.lastSequence = last.sequence
            deliver(.events(new))
        }
    }

    private func report(_ update: FollowUpdate) {
        progress.withLock { _ in deliver(update) }
    }

    /// Why the store is out of reach, in a few words: a server's own reason without its address.
    static func reason(_ error: any Error) -> String {
        switch error as? StoreError {
        case .unreachable(_, let reason)?: return reason
        // Not an outage: said as what happens next (see `ConnectionState.serverFullReason`).
        case .serverFull?: return ConnectionState.serverFullReason
        default: return String(describing: error)
        }
    }
}

extension IncidentSession {
    /// The incident's new events and connection changes as a stream, for async consumers (`crisis log
    /// --follow`, a server): subscribed before the first read, so nothing appended in between is missed.
    public func follow(_ id: IncidentID, after sequence: Int) throws -> AsyncStream<FollowUpdate> {
        let changes = try store().changes()
        let (updates, continuation) = AsyncStream.makeStream(of: FollowUpdate.self)
        let follow = IncidentFollow(self, incident: id, after: sequence) { continuation.yield($0) }
        let following = Task {
            await follow.run(changes)
            continuation.finish()
        }
        continuation.onTermination = { _ in following.cancel() }
        return updates
    }
}
