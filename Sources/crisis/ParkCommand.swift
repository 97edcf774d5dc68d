import ArgumentParser
import IncidentModel

struct ParkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "park", abstract: "Park a complaint or idea for the debrief.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item.") var text: String

    func run() async throws {
        let command = try Command.park(validating: text)
        try await CommandContext.post(command, options: global)
    }
}
