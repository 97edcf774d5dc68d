import ArgumentParser
import IncidentModel
import IncidentStore

struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open an incident and print its id.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What is broken, in the customer's words.") var title: String
    @Option(help: ArgumentHelp("1 (business down) to 4 (minor).", valueName: "n"), completion: ValueCompletion.severities)
    var severity: Int?
    @Option(help: "The customer whose business is affected.") var customer: String?
    @Option(help: "The single accountable owner (needs --phone).") var owner: String?
    @Option(help: "The owner's phone, shared with the customer.") var phone: String?
    @Option(help: ArgumentHelp("Time between briefings. Default by severity: 20m, 30m, 1h, 4h.", valueName: "duration"))
    var cadence: String?

    func run() async throws {
        let command = try Command.open(title: title, severity: severity, customer: customer, owner: owner,
                                       phone: phone, cadence: cadence)
        let payloads = try command.openingPayloads()
        let context = try await CommandContext(global, create: true)
        let events = try await context.session.openIncident(payloads)
        let incident = try Incident(events: events)
        print(incident.id)
        let description = EventDescription(incident: incident, display: context.display)
        Output.warning(description.confirmation(events[0], now: context.clock.now))
        if incident.severity.requiresOwner && incident.owner == nil {
            Output.warning("\(incident.severity) has no owner: name one with 'crisis owner NAME --phone PHONE' (behavior 11)")
        }
    }
}
