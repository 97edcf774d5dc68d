import CustomerDelivery
import Foundation
import IncidentModel
import IncidentStore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Records due reminders and runs hooks, exactly once however many processes (dashboards, `crisis watch`)
/// look at the same incident. Each reminder is appended under a key made from its incident, subject and
/// stage, which the store records once; the reminder carries this process's signature, so the process
/// whose append won knows it (the store hands everyone else the event already there) and is the only one
/// to run the hook. A hook for a logged event (a briefing, a status, a role) is claimed the same way, by an
/// event keyed on the event and the hook, and only when the hook exists here.
public final class ReminderFirer: Sendable {
    /// `ana's crisis dashboard on db1, pid 4242 (3f9a…)`: unique to this process, recorded in what it fires.
    public let signature: String
    /// The author of what the firer records: no person wrote it, and which process did is in `signature`.
    public static let author = Event.systemAuthor
    let session: IncidentSession
    private let hooks: HookRunner?
    let display: TimeDisplay
    let report: @Sendable (ReportLevel, String) -> Void
    /// Carries notices to subscribers; nil where deliveries are not made (tests of reminders alone).
    let courier: (any NoticeCourier)?
    /// Reminders whose append got no answer (the connection dropped mid-way), by key: tried again first.
    private let unconfirmed = Mutex<[String: EventDraft]>([:])
    /// Delivery receipts whose append got no answer, by key: appended again before anything else is sent,
    /// so a delivery that was made is never made again for want of its receipt.
    let unrecordedReceipts = Mutex<[String: EventDraft]>([:])

    /// `report` hears one readable line per thing done or failed, with how much it matters (the watcher logs them).
    public init(session: IncidentSession, program: String, hooks: HookRunner?, courier: (any NoticeCourier)? = nil,
                report: @escaping @Sendable (ReportLevel, String) -> Void = { _, _ in }) {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        signature = "\(session.author)'s \(program) on \(hostName.isEmpty ? "this host" : hostName), pid \(getpid()) (\(UUID().uuidString.prefix(8).lowercased()))"
        self.session = session
        self.hooks = hooks
        self.courier = courier
        self.display = TimeDisplay(timeZone: session.timeZone)
        self.report = report
    }

    /// The hook a logged event sets off, if any.
    public static func hookName(for event: Event) -> String? {
        switch event.payload {
        case .briefing: "briefing-posted"
        case .status, .closed: "status-changed"
        case .role, .owner: "role-changed"
        default: nil
        }
    }

    /// Tries to record every reminder due in `incident` at `now`. Returns the reminders this process
    /// recorded (its append won); their hooks have run by then.
    @discardableResult
    public func fireDue(in incident: Incident, now: Date) async -> [Event] {
        var won: [Event] = []
        var current = incident
        // An append that got no answer may have been recorded: the same key again says whether it was ours.
        let retries = unconfirmed.withLock { drafts in
            let mine = drafts.filter { $0.value.incident == incident.id }
            for key in mine.keys { drafts[key] = nil }
            return Array(mine.values)
        }
        var drafts = retries
        for planned in incident.dueReminders(now: now) {
            drafts.append(EventDraft(incident: incident.id, author: Self.author,
                                     payload: .reminder(planned.record(firedBy: signature)),
                                     idempotencyKey: planned.idempotencyKey))
        }
        for draft in drafts {
            guard let key = draft.idempotencyKey else { continue }
            let isRetry = retries.contains { $0.idempotencyKey == key }
            // The log may have moved since the look began (a briefing, another reminder, an ack): only what is
            // still due goes out, so nobody is paged about a promise already kept. A retry goes again only to
            // learn whether its earlier append was recorded, and whose it was.
            await catchUp(&current)
            let stillDue = current.dueReminders(now: now).contains { $0.idempotencyKey == key }
            let recorded = current.reminders.contains { logged in
                ReminderRecord.idempotencyKey(incident: current.id, subject: logged.record.subject,
                                              stage: logged.record.stage) == key
            }
            guard stillDue || (isRetry && recorded) else { continue }
            guard let event = await append(draft, doing: "record a reminder") else {
                unconfirmed.withLock { $0[key] = draft }
                continue
            }
            guard case .reminder(let record) = event.payload, record.firedBy == signature else { continue }
            won.append(event)
            await catchUp(&current)
            report(.info, "\(incident.id) #\(event.sequence): \(EventDescription(incident: current, display: display).describe(event))")
            await runHook(record.stage.hookName, for: event, in: current, now: now, contact: (record.recipient, record.phone))
        }
        return won
    }

    /// Reads what was logged after `incident` and folds it in; on a read that fails, keeps what it has.
    func catchUp(_ incident: inout Incident) async {
        guard let newer = try? await session.store().events(of: incident.id, after: incident.lastSequence) else { return }
        for event in newer where event.sequence == incident.lastSequence + 1 { try? incident.apply(event) }
    }

    /// For an event just logged by anyone: claims its hook when one exists here, and runs it when the
    /// claim is this process's.
    public func claimHook(for event: Event, in incident: Incident, now: Date) async {
        guard let name = Self.hookName(for: event), let hooks, hooks.exists(name) else { return }
        let key = "hook/\(incident.id.number)/\(event.sequence)/\(name)"
        let draft = EventDraft(incident: incident.id, author: Self.author,
                               payload: .hookClaimed(hook: name, event: event.sequence, firedBy: signature),
                               idempotencyKey: key)
        guard let claim = await append(draft, doing: "claim hook \(name)"),
              case .hookClaimed(_, _, let firedBy) = claim.payload, firedBy == signature else { return }
        await runHook(name, for: event, in: incident, now: now, contact: contact(for: event, in: incident))
    }

    private func contact(for event: Event, in incident: Incident) -> (String, String?) {
        switch event.payload {
        case let .role(_, name, phone): return (name, phone)
        case let .owner(name, phone): return (name, phone)
        case .briefing: return incident.updateContact
        default: return incident.owner.map { ($0.name, $0.phone) } ?? (incident.openedBy, nil)
        }
    }

    private func runHook(_ name: String, for event: Event, in incident: Incident, now: Date,
                         contact: (name: String, phone: String?)) async {
        guard let hooks else { return }
        let input = HookInput(hook: name, event: event, incident: incident, now: now, display: display).encoded()
        let environment = [
            "CRISIS_HOOK": name, "CRISIS_INCIDENT": incident.id.description, "CRISIS_EVENT_KIND": event.kind.rawValue,
            "CRISIS_EVENT_SEQUENCE": String(event.sequence), "CRISIS_CONTACT_NAME": contact.name,
            "CRISIS_CONTACT_PHONE": contact.phone ?? "",
        ]
        let outcome = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: hooks.run(name, input: input, environment: environment))
            }
        }
        switch outcome {
        case .missing:
            return
        case .succeeded:
            report(.info, "\(incident.id): hook \(name) ran for #\(event.sequence)")
        case let .failed(status, detail):
            report(.warning, "\(incident.id): hook \(name) failed for #\(event.sequence) (\(status))\(detail.isEmpty ? "" : ": \(detail)")")
            let failure = EventDraft(incident: incident.id, author: Self.author,
                                     payload: .hookFailed(hook: name, status: status, detail: detail),
                                     idempotencyKey: RandomToken.uuid())
            _ = await append(failure, doing: "record that hook \(name) failed")
        }
    }

    /// Appends straight to the store, never to the outbox, trying twice more on a retryable error: a
    /// reminder that cannot be recorded now is tried again on the next look, under the same key.
    func append(_ draft: EventDraft, doing what: String) async -> Event? {
        var attempt = 0
        while true {
            do {
                return try await session.store().append(draft)
            } catch where StoreErrorClass(of: error) == .retryable && attempt < 2 {
                attempt += 1
                try? await Task.sleep(for: .milliseconds(100 * attempt * attempt))
            } catch {
                report(.error, "could not \(what) in \(draft.incident): \(error)")
                return nil
            }
        }
    }
}
