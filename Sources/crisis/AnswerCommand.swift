import ArgumentParser
import IncidentModel

struct AnswerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "answer", abstract: "Answer an open question.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The question, Q<n>.", completion: ValueCompletion.questions) var question: String
    @Argument(help: "The answer.") var text: String

    func run() async throws {
        try await CommandContext.post(try Command.answer(question, text), options: global)
    }
}
