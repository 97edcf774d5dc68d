import ArgumentParser

/// The options every command that touches an incident accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a SQLite file path. Default: CRISIS_DB, else ~/.local/share/crisis/crisis.db.", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The incident: INC-<n> or <n>. Default: CRISIS_INCIDENT, else the only open incident.", valueName: "id"),
            completion: ValueCompletion.incidentIDs)
    var incident: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Who is posting. Default: CRISIS_AUTHOR, else your login name.", valueName: "name"))
    var author: String?

    @Flag(help: "When the store cannot be reached, keep the entry in the local outbox instead of failing.")
    var queue = false

    /// The options above that take a value, and the flags, as typed: Tab after a verb skips them to find the
    /// verb's own words.
    static let optionsWithValues = ["--db", "--incident", "--as"]
    static let flags = ["--queue"]
}
