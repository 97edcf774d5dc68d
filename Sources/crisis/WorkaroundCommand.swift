import ArgumentParser
import IncidentModel

struct WorkaroundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workaround", abstract: "Record a workaround that gets the customer moving; prints W<n>.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The workaround.") var text: String

    func run() async throws {
        let command = try Command.workaround(validating: text)
        try await CommandContext.post(command, options: global)
    }
}
