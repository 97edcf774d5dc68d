/// Reads a verb and its arguments (`deadline 20m confirm replication lag`, `brief … --next 30m --why …`) into a
/// `Command`. The verbs and what each accepts are declared in `VerbTable`; the dashboard's composer feeds this
/// `/verb …` lines and the command line hands each verb's words to the same declaration, so both accept the
/// same verbs with the same errors.
public enum CommandGrammar {
    /// Parses a composer line such as `/deadline 20m check the lag` (the slash is optional).
    public static func parse(line: String) throws(CommandError) -> Command {
        var text = Substring(line.trimmingCharacters(in: .whitespacesAndNewlines))
        if text.hasPrefix("/") { text = text.dropFirst() }
        return try parse(words: try CommandTokenizer.words(String(text)))
    }

    /// Parses a verb followed by its arguments, already split into words (none of them quoted).
    public static func parse(tokens: [String]) throws(CommandError) -> Command {
        try parse(words: tokens.map { CommandTokenizer.Word($0) })
    }

    /// Parses a verb followed by its arguments as the tokenizer split them.
    public static func parse(words: [CommandTokenizer.Word]) throws(CommandError) -> Command {
        guard let name = words.first?.text else {
            throw CommandError("no command given: use one of \(VerbTable.names.joined(separator: ", "))")
        }
        guard let verb = VerbTable.verb(named: name) else {
            throw CommandError("unknown command '\(name.lowercased())': use one of \(VerbTable.names.joined(separator: ", "))")
        }
        return try verb.parse(Array(words.dropFirst()), front: .composer).command
    }
}
