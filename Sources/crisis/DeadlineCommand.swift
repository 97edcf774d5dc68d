import ArgumentParser
import IncidentModel

/// `crisis deadline TEXT --in 20m`, and its outcomes: `met`, `drop`, `slip`.
struct DeadlineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "Set a written deadline for the next diagnostic step; prints D<n>.",
        discussion: "Then: crisis deadline met|drop D<n> [--why TEXT], crisis deadline slip D<n> --in DURATION --why TEXT.",
        subcommands: [SetDeadline.self, DeadlineMet.self, DeadlineDrop.self, DeadlineSlip.self],
        defaultSubcommand: SetDeadline.self)
}

struct SetDeadline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set a deadline (the default: 'crisis deadline TEXT --in 20m').")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The step to finish by then.") var text: String
    @Option(name: .customLong("in"), help: ArgumentHelp("Due after this long.", valueName: "duration"))
    var duration: String?
    @Option(help: ArgumentHelp("Due at this time.", valueName: "when")) var at: String?
    @Option(help: "Who delivers it.") var owner: String?

    func run() async throws {
        let command = try Command.deadline(text, in: duration, at: at, owner: owner)
        try await CommandContext.post(command, options: global)
    }
}

struct DeadlineMet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "met", abstract: "Mark a deadline met.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The deadline, D<n>.", completion: ValueCompletion.openDeadlines) var deadline: String
    @Option(help: "What came of it.") var why: String?

    func run() async throws {
        try await CommandContext.post(try Command.deadlineMet(deadline, why: why), options: global)
    }
}

struct DeadlineDrop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop", abstract: "Drop a deadline: the theory is chopped, move on.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The deadline, D<n>.", completion: ValueCompletion.openDeadlines) var deadline: String
    @Option(help: "Why it is dropped.") var why: String?

    func run() async throws {
        try await CommandContext.post(try Command.deadlineDrop(deadline, why: why), options: global)
    }
}

struct DeadlineSlip: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slip", abstract: "Move a deadline; the original time and the reason stay in the record.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The deadline, D<n>.", completion: ValueCompletion.openDeadlines) var deadline: String
    @Option(name: .customLong("in"), help: ArgumentHelp("Now due after this long.", valueName: "duration"))
    var duration: String?
    @Option(help: ArgumentHelp("Now due at this time.", valueName: "when")) var at: String?
    @Option(help: "Why it slips (required).") var why: String?

    func run() async throws {
        try await CommandContext.post(try Command.deadlineSlip(deadline, in: duration, at: at, why: why), options: global)
    }
}
