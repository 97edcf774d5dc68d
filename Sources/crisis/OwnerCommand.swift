import ArgumentParser
import IncidentModel

struct OwnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "owner", abstract: "Hand the incident to its single accountable owner.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The owner's name.") var name: String
    @Option(help: "A phone number the customer can call, day and night.") var phone: String?

    func run() async throws {
        try await CommandContext.post(try Command.owner(name, phone: phone), options: global)
    }
}
