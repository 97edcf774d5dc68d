/// One way to use a verb: `deadline TEXT --in 20m` is the main form of `deadline`, `deadline met D2` another.
/// The form says what it takes and which event it makes, and builds the `Command` through the validating
/// factories on `Command`, so every front end checks the same things with the same words.
public struct VerbForm: Sendable {
    /// The word after the verb that picks this form (`met`), or nil for the verb's main form.
    public let word: String?
    /// What the form does; nil for a verb's only form, which the verb's summary says.
    public let summary: String?
    /// The usage, one line per way of writing it, after the verb and the form's word: `D<n> [--why TEXT]`.
    public let usage: [String]
    /// A use of the form, after the verb and the form's word, for `--help` and for the test that runs each.
    public let example: String
    public let positionals: [VerbPositional]
    public let options: [VerbOption]
    /// The event the form appends.
    public let makes: EventKind
    /// What the form prints once its event is recorded.
    public let prints: VerbPrint
    let build: @Sendable (VerbArguments) throws(CommandError) -> Command

    public init(word: String? = nil, summary: String? = nil, usage: [String], example: String, positionals: [VerbPositional],
                options: [VerbOption] = [], makes: EventKind, prints: VerbPrint = .line,
                build: @escaping @Sendable (VerbArguments) throws(CommandError) -> Command) {
        self.word = word
        self.summary = summary
        self.usage = usage
        self.example = example
        self.positionals = positionals
        self.options = options
        self.makes = makes
        self.prints = prints
        self.build = build
    }

    /// The item a sub-form's first word after its own must name (`D2` after `deadline met`).
    var reference: ItemReference? {
        guard case .reference(let item)? = positionals.first?.value else { return nil }
        return item
    }

    /// The options `front` accepts.
    func options(for front: CommandFront) -> [VerbOption] {
        front == .commandLine ? options : options.filter { !$0.commandLineOnly }
    }
}
