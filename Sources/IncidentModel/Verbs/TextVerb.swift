extension Verb {
    /// A verb whose one argument is its text (`note TEXT`), checked by `factory`: most verbs are this shape.
    static func text(_ name: String, summary: String, help: String, example: String, makes: EventKind,
                     prints: VerbPrint = .line, _ factory: @escaping @Sendable (String) throws(CommandError) -> Command) -> Verb {
        Verb(name, summary: summary, forms: [
            VerbForm(usage: ["TEXT"], example: example, positionals: [VerbPositional("TEXT", .text, help: help)], makes: makes,
                     prints: prints) {
                arguments throws(CommandError) in try factory(arguments.text)
            },
        ])
    }
}
