import ArgumentParser
import IncidentModel

/// `crisis VERB …` for every verb in `VerbTable`: its name, usage and help come from the verb's declaration,
/// and its words are read by the same grammar as the dashboard's `/verb` lines. Each word of the command line
/// counts as quoted, so `--why "two words" rest` ends the reason where the shell's word ends.
struct VerbCommand<Declaration: VerbDeclaration>: AsyncParsableCommand {
    static var configuration: CommandConfiguration { VerbHelp.configuration(for: Declaration.verb) }

    @OptionGroup var global: GlobalOptions
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("The verb's words and options, as in the usage above.", valueName: "words"),
              completion: VerbCompletion.words(of: Declaration.verb))
    var words: [String] = []

    func run() async throws {
        let invocation = try Declaration.verb.parse(words.map { CommandTokenizer.Word($0, quoted: true) },
                                                    front: .commandLine)
        switch invocation.command {
        case .open:
            try await IncidentOpening.open(invocation.command, options: global)
        case .brief where invocation.has(BriefVerb.preview):
            try await BriefingPreview.print(invocation.command, options: global)
        case let .brief(text, next, why):
            try await CoachedBriefing.post(invocation.command, text: text, chosenNext: next != nil, why: why,
                                           strict: invocation.has(BriefVerb.strict), options: global)
        default:
            try await CommandContext.post(invocation.command, options: global)
        }
    }
}

extension VerbDeclaration {
    /// The subcommand for this verb, for the root command's list.
    static var commandLineCommand: any ParsableCommand.Type { VerbCommand<Self>.self }
}
