import ArgumentParser
import IncidentModel

struct NoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Post a note to the technical channel.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The note.") var text: String

    func run() async throws {
        let command = try Command.note(validating: text)
        try await CommandContext.post(command, options: global)
    }
}
