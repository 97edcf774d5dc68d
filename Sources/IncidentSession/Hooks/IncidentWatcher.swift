import Foundation
import IncidentModel
import IncidentStore

/// What `crisis watch` does on each look, kept apart from signals and logging so tests drive it directly:
/// reads what is new in every open incident, claims the hooks of events logged since it started watching,
/// and fires the reminders that fell due.
public actor IncidentWatcher {
    private let session: IncidentSession
    private var firer: ReminderFirer
    /// Each incident as of the last look: what came after it is what the next look hands to hooks.
    private var known: [IncidentID: Incident] = [:]
    /// Whether a look has been made: incidents opened after it are new, and their whole log is fresh.
    private var looked = false
    /// The newest incident number any look has seen: a higher one was opened since, even if it was closed again
    /// before this look (a look lists the open incidents, and one opened and closed between two looks is not).
    private var newestSeen = 0
    /// The deliveries a look started, run beside the looks so a slow sendmail or webhook holds up no
    /// reminder; one pass at a time.
    private var deliveryPass: Task<Void, Never>?
    private var delivering = false

    /// How old a closed incident may be for the first look to check it for deliveries still owed.
    static let closureWindow: TimeInterval = 30 * 24 * 3600

    /// What a watcher takes on.
    public enum Duty: Sendable {
        /// `crisis watch`: the hooks of events logged while watching, reminders and deliveries, and on the first
        /// look the closures of the last 30 days whose notices may still be owed.
        case everything
        /// The commander's board: the reminders and deliveries of the open incidents (and of those it saw
        /// close), for whoever is looking at them; event hooks stay with the host that runs `crisis watch`.
        case openPromises
    }

    private let duty: Duty

    public init(session: IncidentSession, firer: ReminderFirer, duty: Duty = .everything) {
        self.session = session
        self.firer = firer
        self.duty = duty
    }

    /// Takes a firer with new hooks (SIGHUP), keeping what has been seen: nothing logged meanwhile is lost.
    public func use(_ firer: ReminderFirer) {
        self.firer = firer
    }

    /// One look at every open incident, at `now`. Throws when the store cannot be read.
    public func look(now: Date) async throws {
        let store = try session.store()
        var owed: [Incident] = []
        // The open incidents, from their digests (an index, not a scan of every incident ever), and those known
        // from earlier looks: a closed incident is looked at once more if it closed since the last look, as its
        // closing is news, and while its deliveries are outstanding. The first look also takes recent closed
        // ones, whose closure may still be owed to subscribers (a watch restarted right after a close, or
        // `--once` from cron).
        var watched = Set(try await store.digests(.open).digests.map(\.id)).union(known.keys)
        watched.formUnion(try await openedSinceLastLook(store))
        if !looked && duty == .everything {
            let recent = try await store.digests(DigestQuery(activeSince: now.addingTimeInterval(-Self.closureWindow))).digests
            watched.formUnion(recent.filter { now.timeIntervalSince($0.openedAt) < Self.closureWindow }.map(\.id))
        }
        for id in watched.sorted() {
            let fresh: [Event]
            var incident: Incident
            if var seen = known[id] {
                fresh = try await store.events(of: id, after: seen.lastSequence)
                for event in fresh { try seen.apply(event) }
                incident = seen
            } else if looked {
                // Opened while the watch runs: all of it is news (its owner, a first briefing).
                let log = try await store.events(of: id, after: 0)
                incident = try Incident(events: log)
                fresh = log
            } else {
                // What was logged before the watch began is history: its hooks are not run now.
                incident = try await store.incident(id)
                fresh = []
            }
            for event in fresh where duty == .everything {
                await firer.claimHook(for: event, in: incident, now: now)
            }
            if incident.isOpen { await firer.fireDue(in: incident, now: now) }
            // The closure is a notice too, and a failed delivery is retried for an hour after it.
            if !incident.dueDeliveries(now: now).isEmpty { owed.append(incident) }
            if incident.isOpen || incident.hasDeliveriesOutstanding {
                // What this look appended (reminders, claims, receipts) is read by the next one like anything
                // else logged meanwhile, so nobody's event is skipped.
                known[id] = incident
            } else {
                known[id] = nil
            }
        }
        looked = true
        deliver(owed, now: now)
    }

    /// The incidents opened since the last look, open or closed again by now (numbers only grow), newest first
    /// a few at a time. The first look only notes the newest number: what came before it is history.
    private func openedSinceLastLook(_ store: any IncidentStore) async throws -> [IncidentID] {
        let page = 10
        guard looked else {
            newestSeen = try await store.digests(DigestQuery(limit: 1)).digests.first?.id.number ?? 0
            return []
        }
        var opened: [IncidentID] = []
        while true {
            let newer = try await store.digests(DigestQuery(limit: page, offset: opened.count)).digests
                .map(\.id).filter { $0.number > newestSeen }
            opened += newer
            if newer.count < page { break }
        }
        newestSeen = max(newestSeen, opened.map(\.number).max() ?? 0)
        return opened
    }

    /// Starts a delivery pass over `incidents` unless one is still under way (the next look hands its
    /// incidents over again: the schedule is read from the log, so nothing is lost by waiting).
    private func deliver(_ incidents: [Incident], now: Date) {
        guard !incidents.isEmpty, !delivering else { return }
        delivering = true
        let firer = firer
        deliveryPass = Task {
            for incident in incidents { await firer.deliverDue(in: incident, now: now) }
            self.passEnded()
        }
    }

    private func passEnded() {
        delivering = false
    }

    /// Waits for the delivery pass under way, so a claimed attempt gets its receipt before the process
    /// goes (`--once`, SIGTERM).
    public func finishDeliveries() async {
        await deliveryPass?.value
    }
}
