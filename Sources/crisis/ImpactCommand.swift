import ArgumentParser
import IncidentModel

struct ImpactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact", abstract: "Record an impact assessment: who is affected, how badly.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The assessment.") var text: String

    func run() async throws {
        let command = try Command.impact(validating: text)
        try await CommandContext.post(command, options: global)
    }
}
