import ArgumentParser
import IncidentModel

/// `crisis ask TEXT --why TEXT` records a request of the customer; `crisis ask done A<n>` closes it.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Record something asked of the customer, and why only they can do it; prints A<n>.",
        subcommands: [MakeRequest.self, RequestDone.self],
        defaultSubcommand: MakeRequest.self)
}

struct MakeRequest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make", abstract: "Record a request (the default: 'crisis ask TEXT --why TEXT').")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What the customer is asked to do.") var text: String
    @Option(help: "Why it cannot be done without them (required, behavior 10).") var why: String?

    func run() async throws {
        try await CommandContext.post(try Command.ask(text, why: why), options: global)
    }
}

struct RequestDone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a request done.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The request, A<n>.", completion: ValueCompletion.openRequests) var request: String

    func run() async throws {
        try await CommandContext.post(try Command.askDone(request), options: global)
    }
}
