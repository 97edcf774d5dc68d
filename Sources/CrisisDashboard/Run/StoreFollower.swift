import IncidentModel
import IncidentStore

/// Follows the incident's log: each change signal from the store (inotify for SQLite) wakes it, it reads
/// what came after the last event it saw, and hands the new events to the loop through the inbox.
actor StoreFollower {
    private let store: any IncidentStore
    private let incident: IncidentID
    private let inbox: Inbox
    private var lastSequence: Int

    init(store: any IncidentStore, incident: IncidentID, after sequence: Int, inbox: Inbox) {
        self.store = store
        self.incident = incident
        self.inbox = inbox
        lastSequence = sequence
    }

    /// Runs until `changes` ends or the task is cancelled.
    func follow(_ changes: AsyncStream<Void>) async {
        await catchUp()
        for await _ in changes {
            if Task.isCancelled { break }
            await catchUp()
        }
    }

    /// Reads and hands over anything new. Overlapping calls are harmless: the state skips events it has.
    func catchUp() async {
        do {
            let events = try await store.events(of: incident, after: lastSequence)
            guard let last = events.last, last.sequence > lastSequence else { return }
            lastSequence = last.sequence
            inbox.post(.storeEvents(events))
        } catch {
            inbox.post(.postFailed("cannot read new events: \(error)", text: nil))
        }
    }
}
