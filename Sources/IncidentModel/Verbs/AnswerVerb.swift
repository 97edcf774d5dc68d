/// `answer Q<n> TEXT`: a later answer may correct an earlier one, so any question can be answered.
public enum AnswerVerb: VerbDeclaration {
    public static let verb = Verb(
        "answer", summary: "Answer an open question.",
        forms: [
            VerbForm(
                usage: ["Q<n> TEXT"], example: "Q1 yes, the deploy went out at 12:55",
                positionals: [.reference(.question, help: "The question, Q<n>."),
                              VerbPositional("TEXT", .text, help: "The answer.")],
                makes: .answer) { arguments throws(CommandError) in
                guard let reference = arguments.positionals.first else {
                    throw CommandError("answer needs the question: answer Q<n> TEXT")
                }
                return try .answer(reference, arguments.text(after: 1))
            },
        ])
}
