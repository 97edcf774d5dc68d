import ArgumentParser
import IncidentModel

struct FrameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frame", abstract: "Say in one sentence what the team is trying to do right now.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The frame.") var text: String

    func run() async throws {
        let command = try Command.frame(validating: text)
        try await CommandContext.post(command, options: global)
    }
}
