import Foundation
import IncidentModel

/// An instant written the way people read it, for fixed-date tests.
func iso(_ text: String) -> Date {
    guard let date = Timestamp.parseISO8601(text) else { fatalError("bad test date \(text)") }
    return date
}

let berlin = TimeZone(identifier: "Europe/Berlin")!
let utc = TimeZone(identifier: "UTC")!

/// Builds an incident's log one event at a time, a minute apart, the way a store would number it.
struct LogBuilder {
    let incident: IncidentID
    var now: Date
    private(set) var events: [Event] = []

    init(incident: IncidentID = IncidentID(7), openedAt: Date = iso("2026-11-23T13:00:00Z"),
         severity: Severity = .sev1, customer: String? = "Acme", cadence: TimeInterval? = nil) {
        self.incident = incident
        self.now = openedAt
        events.append(Event(incident: incident, sequence: 1, recordedAt: openedAt, author: "ic",
                            payload: .opened(title: "Checkout down", severity: severity, customer: customer,
                                             cadence: cadence)))
    }

    /// Appends `payload` `minutes` after the previous event.
    @discardableResult
    mutating func add(_ payload: EventPayload, author: String = "ana", minutes: Double = 1) -> Event {
        now = now.addingTimeInterval(minutes * 60)
        let event = Event(incident: incident, sequence: events.count + 1, recordedAt: now, author: author,
                          payload: payload)
        events.append(event)
        return event
    }

    func fold() throws -> Incident {
        try Incident(events: events)
    }
}
