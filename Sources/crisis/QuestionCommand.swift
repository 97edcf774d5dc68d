import ArgumentParser
import IncidentModel

struct QuestionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "question", abstract: "Ask a question that stays open until answered; prints Q<n>.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The question.") var text: String

    func run() async throws {
        let command = try Command.question(validating: text)
        try await CommandContext.post(command, options: global)
    }
}
