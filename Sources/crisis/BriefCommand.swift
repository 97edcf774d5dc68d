import ArgumentParser
import IncidentModel

struct BriefCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Post a business briefing; it commits to the time of the next update.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The briefing, for the customer's business people.") var text: String
    @Option(help: ArgumentHelp("When the next update comes. Default: one cadence from now.", valueName: "when"))
    var next: String?
    @Option(help: "Why the next update comes then (behavior 9: explain why).") var why: String?

    func run() async throws {
        let command = try Command.brief(text, next: next, why: why)
        try await CommandContext(global).post(command)
    }
}
