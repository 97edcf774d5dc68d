import IncidentModel
import IncidentStore

/// What `crisis open` does instead of posting: it starts an incident, the one command that may create the
/// store, and prints the new id on stdout for scripts.
enum IncidentOpening {
    static func open(_ command: Command, options: GlobalOptions) async throws {
        let payloads = try command.openingPayloads()
        let context = try await CommandContext(options, create: true)
        let events = try await context.session.openIncident(payloads)
        let incident = try Incident(events: events)
        print(incident.id)
        let description = EventDescription(incident: incident, display: context.display)
        Output.warning(description.confirmation(events[0], now: context.clock.now))
        if incident.severity.requiresOwner && incident.owner == nil {
            Output.warning("\(incident.severity) has no owner: name one with 'crisis owner NAME --phone PHONE' (behavior 11)")
        }
        if incident.disciplineFlags(now: context.clock.now).contains(.noCommsLead) {
            Output.warning("\(incident.severity) has nobody briefing the customer: name one with 'crisis role comms NAME' (behavior 5)")
        }
    }
}
