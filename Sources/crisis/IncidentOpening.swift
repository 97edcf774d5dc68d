import IncidentModel
import IncidentSession
import IncidentStore

/// What `crisis open` does instead of posting: it starts an incident, the one command that may create the
/// store, and prints the new id on stdout for scripts.
enum IncidentOpening {
    static func open(_ command: Command, options: GlobalOptions) async throws {
        var payloads = try command.openingPayloads()
        let context = try await CommandContext(options, create: true)
        // The customer's standing contacts (`subscribe --customer`) are subscribed in the opening batch, so
        // the opening notice reaches them.
        if case .open(let request) = command, let customer = request.customer {
            payloads += try await CustomerSubscriptions.standing(for: customer, in: context.store).map(EventPayload.subscribed)
        }
        let events = try await context.session.openIncident(payloads)
        let incident = try Incident(events: events)
        print(incident.id)
        let description = EventDescription(incident: incident, display: context.display)
        Output.warning(description.confirmation(events[0], now: context.clock.now))
        if !incident.activeSubscribers.isEmpty {
            Output.warning("\(customerName(incident)) contacts subscribed: \(incident.activeSubscribers.map(\.subscription.label).joined(separator: ", "))")
        }
        if incident.severity.requiresOwner && incident.owner == nil {
            Output.warning("\(incident.severity) has no owner: name one with 'crisis owner NAME --phone PHONE' (behavior 11)")
        }
        if incident.disciplineFlags(now: context.clock.now).contains(.noCommsLead) {
            Output.warning("\(incident.severity) has nobody briefing the customer: name one with 'crisis role comms NAME' (behavior 5)")
        }
    }

    private static func customerName(_ incident: Incident) -> String {
        "\(incident.customer ?? "the customer")'s"
    }
}
