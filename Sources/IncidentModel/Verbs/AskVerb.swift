/// `ask TEXT --why TEXT` records a request of the customer; `ask done A<n>` closes it.
public enum AskVerb: VerbDeclaration {
    public static let verb = Verb(
        "ask", summary: "Record something asked of the customer, and why only they can do it; prints A<n>.",
        forms: [
            VerbForm(
                summary: "Record a request.", usage: ["TEXT --why TEXT"],
                example: "send a HAR file --why only their browser shows the error",
                positionals: [VerbPositional("TEXT", .text, help: "What the customer is asked to do.")],
                options: [.why("Why it cannot be done without them (required, behavior 10).")],
                makes: .customerRequest, prints: .label) { arguments throws(CommandError) in
                try .ask(arguments.text, why: arguments["why"])
            },
            VerbForm(
                word: "done", summary: "Mark a request done.", usage: ["A<n>"], example: "A1",
                positionals: [.reference(.request, help: "The request, A<n>.")],
                makes: .customerRequestDone) { arguments throws(CommandError) in
                try .askDone(arguments.positionals[0])
            },
        ])
}
