/// A type that declares one verb: one file per verb (`NoteVerb`, `DeadlineVerb` …) in `VerbTable.all`.
/// A type rather than a value, so the command line can make one subcommand per verb from it
/// (`VerbCommand<NoteVerb>`).
public protocol VerbDeclaration {
    static var verb: Verb { get }
}
