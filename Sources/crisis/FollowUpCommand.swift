import ArgumentParser
import IncidentModel

/// `crisis follow-up WHEN TEXT` schedules the call back; `crisis follow-up done F<n>` records it.
struct FollowUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow-up",
        abstract: "Schedule a follow-up with the customer; prints F<n>. 'crisis list' shows the ones due.",
        subcommands: [ScheduleFollowUp.self, FollowUpDone.self],
        defaultSubcommand: ScheduleFollowUp.self)
}

struct ScheduleFollowUp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Schedule a follow-up (the default: 'crisis follow-up 1d TEXT').")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "When: a duration (1d, 3h), a clock time or an ISO 8601 time.") var when: String
    @Argument(help: "What the follow-up is for.") var text: String

    func run() async throws {
        try await CommandContext.post(try Command.followUp(when, text), options: global)
    }
}

struct FollowUpDone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a follow-up done.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The follow-up, F<n>.", completion: ValueCompletion.openFollowUps) var followUp: String

    func run() async throws {
        try await CommandContext.post(try Command.followUpDone(followUp), options: global)
    }
}
