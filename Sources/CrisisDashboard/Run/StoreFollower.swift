import Foundation
import IncidentModel
import IncidentStore

/// Follows the incident's log: each change signal from the store (inotify for SQLite, LISTEN/NOTIFY for
/// PostgreSQL) wakes it, it reads what came after the last event it saw, and hands the new events to the
/// loop through the inbox. When the store goes away it says so, retries with a growing pause, and once the
/// store answers again sends the outbox first and then catches up from the last sequence it saw, so an
/// outage loses nothing and a lost notification costs only a moment.
actor StoreFollower {
    private let store: any IncidentStore
    private let incident: IncidentID
    private let inbox: Inbox
    private let outbox: Outbox?
    private let clock: any IncidentClock
    private var lastSequence: Int
    private var offlineSince: Date?
    private var retrying: Task<Void, Never>?

    init(store: any IncidentStore, incident: IncidentID, after sequence: Int, inbox: Inbox, outbox: Outbox?,
         clock: any IncidentClock) {
        self.store = store
        self.incident = incident
        self.inbox = inbox
        self.outbox = outbox
        self.clock = clock
        lastSequence = sequence
    }

    /// Runs until `changes` ends or the task is cancelled.
    func follow(_ changes: AsyncStream<Void>) async {
        await catchUp()
        for await _ in changes {
            if Task.isCancelled { break }
            await catchUp()
        }
        retrying?.cancel()
    }

    /// Sends what waits in the outbox, then reads and hands over anything new. Overlapping calls are
    /// harmless: the outbox's keys make a second send a no-op, and the state skips events it has.
    func catchUp() async {
        do {
            if let outbox, !outbox.isEmpty {
                let result = await outbox.flush(to: store)
                if result.rejected > 0 {
                    inbox.post(.postFailed("\(result.rejected) queued entr\(result.rejected == 1 ? "y was" : "ies were") refused and set aside in \(outbox.rejectedPath)", text: nil))
                }
                if let error = result.error { throw error }
            }
            let events = try await store.events(of: incident, after: lastSequence)
            if let last = events.last, last.sequence > lastSequence {
                lastSequence = last.sequence
                inbox.post(.storeEvents(events))
            }
            if offlineSince != nil {
                offlineSince = nil
                inbox.post(.connection(.online, queued: queuedCount))
            }
        } catch let error as StoreError where error.isRetryable {
            wentOffline(error)
        } catch {
            inbox.post(.postFailed("cannot read new events: \(error)", text: nil))
        }
    }

    /// An append from this dashboard could not reach the store, or must wait behind older entries that
    /// could not: keep the draft (its key included) in the outbox, and start trying to get back.
    func keepForLater(_ draft: EventDraft, after error: StoreError?) -> Bool {
        guard let outbox, (try? outbox.enqueue(draft, now: clock.now)) != nil else { return false }
        inbox.post(.queuedOffline(queued: queuedCount))
        if let error { wentOffline(error) }
        return true
    }

    /// Whether nothing of this person's waits in the outbox, after trying once more to send it: a new entry
    /// must not overtake older ones.
    func outboxIsClear() async -> Bool {
        guard let outbox, !outbox.isEmpty else { return true }
        await catchUp()
        return outbox.isEmpty
    }

    private var queuedCount: Int { (try? outbox?.pending().count) ?? 0 }

    private func wentOffline(_ error: StoreError) {
        if offlineSince == nil {
            let since = clock.now
            offlineSince = since
            inbox.post(.connection(.offline(since: since, reason: Self.reason(error)), queued: queuedCount))
        }
        guard retrying == nil else { return }
        retrying = Task { [weak self] in
            var pause: UInt64 = 250_000_000
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: pause)
                guard let self, await self.isOffline else { break }
                await self.catchUp()
                pause = min(pause * 2, 4_000_000_000)
            }
            await self?.retryEnded()
        }
    }

    private var isOffline: Bool { offlineSince != nil }

    private func retryEnded() {
        retrying = nil
    }

    private static func reason(_ error: StoreError) -> String {
        if case let .unreachable(_, reason) = error { return reason }
        return error.description
    }
}
