import ArgumentParser
import IncidentModel

struct CloseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close the incident once the customer has confirmed the fix.",
        discussion: """
            Without a confirmation, only with --unconfirmed --why TEXT, which stays in the record.
            With questions unanswered, deadlines open or requests of the customer not done, close names them \
            and asks for --why TEXT saying why they stay open.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Close without the customer's confirmation.") var unconfirmed = false
    @Option(help: "Why there is no confirmation (required with --unconfirmed), or why what is open stays open.")
    var why: String?

    func run() async throws {
        try await CommandContext.post(try Command.close(unconfirmed: unconfirmed, why: why), options: global)
    }
}
