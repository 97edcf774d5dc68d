import ArgumentParser
import IncidentModel

struct ConfirmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Record that the customer confirms the fix (the incident must be resolved).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Who at the customer confirmed.") var by: String?
    @Argument(help: "What they said.") var note: String?

    func run() async throws {
        try await CommandContext.post(try Command.confirm(by: by, note: note), options: global)
    }
}
