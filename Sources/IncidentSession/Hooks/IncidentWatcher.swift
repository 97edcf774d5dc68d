import Foundation
import IncidentModel
import IncidentStore

/// What `crisis watch` does on each look, kept apart from signals and logging so tests drive it directly:
/// reads what is new in every open incident, claims the hooks of events logged since it started watching,
/// and fires the reminders that fell due.
public actor IncidentWatcher {
    /// What one look found.
    public struct Look: Equatable, Sendable {
        /// Open incidents looked at.
        public var incidents = 0
        /// Reminders this process recorded.
        public var fired: [Event] = []
    }

    private let session: IncidentSession
    private let firer: ReminderFirer
    private var known: [IncidentID: Incident] = [:]

    public init(session: IncidentSession, firer: ReminderFirer) {
        self.session = session
        self.firer = firer
    }

    /// One look at every open incident, at `now`. Throws when the store cannot be read.
    public func look(now: Date) async throws -> Look {
        let store = try session.store()
        var look = Look()
        for summary in try await store.incidents() where summary.status.isOpen {
            look.incidents += 1
            let fresh: [Event]
            var incident: Incident
            if var seen = known[summary.id] {
                fresh = try await store.events(of: summary.id, after: seen.lastSequence)
                for event in fresh { try seen.apply(event) }
                incident = seen
            } else {
                // What was logged before the watch began is history: its hooks are not run now.
                incident = try await store.incident(summary.id)
                fresh = []
            }
            for event in fresh {
                await firer.claimHook(for: event, in: incident, now: now)
            }
            let fired = await firer.fireDue(in: incident, now: now)
            look.fired += fired
            if !fired.isEmpty {
                // Read back what this look appended (reminders, claims, failures) before the next look.
                for event in try await store.events(of: summary.id, after: incident.lastSequence) {
                    try incident.apply(event)
                }
            }
            known[summary.id] = incident
        }
        return look
    }
}
