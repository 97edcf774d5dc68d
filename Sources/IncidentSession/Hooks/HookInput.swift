import Foundation
import IncidentModel

/// What a hook reads on its standard input: one JSON object with the hook's name, the event that set it off
/// (as `crisis log --json` prints events), the reminder when it is one, and the incident as it stands.
/// Documented in the README; the field names are a promise to the scripts people write.
struct HookInput: Encodable {
    struct Contact: Encodable {
        let name: String
        let phone: String?
    }

    struct Summary: Encodable {
        let id: String
        let title: String
        let severity: Int
        let customer: String?
        let status: String
        let owner: Contact?
        let commsLead: Contact?
        let techLead: Contact?
        /// The promised next update, while one stands.
        let nextUpdateDue: Date?
        let overdue: Bool
    }

    struct Reminder: Encodable {
        let subject: String
        let stage: String
        /// One line, as the dashboards say it.
        let text: String
        let recipient: Contact
        let dueAt: Date
    }

    let hook: String
    let event: Event
    /// The event as one readable line, as `crisis log` prints it.
    let text: String
    let reminder: Reminder?
    let incident: Summary

    init(hook: String, event: Event, incident: Incident, now: Date, display: TimeDisplay) {
        self.hook = hook
        self.event = event
        let description = EventDescription(incident: incident, display: display)
        text = description.describe(event)
        if case .reminder(let record) = event.payload {
            reminder = Reminder(subject: record.subject.key, stage: record.stage.name,
                                text: description.subjectPhrase(record.subject, stage: record.stage, dueAt: record.dueAt, at: now),
                                recipient: Contact(name: record.recipient, phone: record.phone), dueAt: record.dueAt)
        } else {
            reminder = nil
        }
        let next = incident.nextUpdate(now: now)
        var due: Date?
        if case let .promised(at, _, _) = next { due = at }
        self.incident = Summary(
            id: incident.id.description, title: incident.title, severity: incident.severity.rawValue,
            customer: incident.customer, status: incident.status.rawValue,
            owner: incident.owner.map { Contact(name: $0.name, phone: $0.phone) },
            commsLead: incident.lead(.comms).map { Contact(name: $0.name, phone: $0.phone) },
            techLead: incident.lead(.tech).map { Contact(name: $0.name, phone: $0.phone) },
            nextUpdateDue: due, overdue: next.isOverdue)
    }

    func encoded() -> Data {
        (try? EventCoding.makeEncoder().encode(self)) ?? Data("{}".utf8)
    }
}
