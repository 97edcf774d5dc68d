import ArgumentParser
import IncidentModel

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Set the status: investigating, identified, monitoring, mitigated or resolved ('crisis close' closes).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new status.", completion: ValueCompletion.statuses) var status: String

    func run() async throws {
        try await CommandContext.post(try Command.status(status), options: global)
    }
}
