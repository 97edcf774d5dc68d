import ArgumentParser
import Foundation
import IncidentModel

/// `crisis VERB --help`, written from the verb's declaration: its usage lines, its summary, then each form
/// with what its words and options mean.
enum VerbHelp {
    static func configuration(for verb: Verb) -> CommandConfiguration {
        CommandConfiguration(
            commandName: verb.name,
            abstract: verb.summary,
            usage: verb.usage.map { "crisis \($0)" }.joined(separator: "\n"),
            discussion: discussion(of: verb),
            aliases: verb.aliases)
    }

    /// The verb's own discussion, then a block per form: `deadline met D<n> [--why TEXT]`, what it does, and
    /// its positionals and options with their help.
    static func discussion(of verb: Verb) -> String {
        var blocks: [String] = verb.discussion.isEmpty ? [] : [verb.discussion]
        for form in verb.forms {
            var lines: [String] = []
            if verb.forms.count > 1 {
                lines.append(verb.title(of: form) + ": " + (form.summary ?? verb.summary))
            }
            let entries = form.positionals.flatMap { described($0.placeholder, $0.help, $0.value) }
                + form.options.flatMap { described($0.spelled, $0.help, $0.value) }
            let width = entries.map(\.0.count).max() ?? 0
            lines += entries.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            lines.append("  For example: crisis \(verb.title(of: form)) \(form.example)")
            lines.append("  " + form.prints.help)
            if !lines.isEmpty { blocks.append(lines.joined(separator: "\n")) }
        }
        return blocks.joined(separator: "\n\n")
    }

    /// The rows for one argument: its help, then, where the value is one of a fixed set, the choices on a
    /// line of their own, so a narrow terminal wraps neither out of the column.
    private static func described(_ spelled: String, _ help: String, _ value: VerbValue?) -> [(String, String)] {
        guard case .choice(let names)? = value else { return [(spelled, help)] }
        return [(spelled, help), ("", "One of: \(names.joined(separator: ", ")).")]
    }
}
