/// `follow-up WHEN TEXT` schedules the call back; `follow-up done F<n>` records it.
public enum FollowUpVerb: VerbDeclaration {
    public static let verb = Verb(
        "follow-up", aliases: ["followup"],
        summary: "Schedule a follow-up with the customer; prints F<n>. 'crisis list' shows the ones due.",
        forms: [
            VerbForm(
                summary: "Schedule a follow-up.", usage: ["WHEN TEXT"], example: "1d call the CTO of Acme",
                positionals: [
                    VerbPositional("WHEN", .word, help: "When: a duration (1d, 3h), a clock time or an ISO 8601 time."),
                    VerbPositional("TEXT", .text, help: "What the follow-up is for."),
                ],
                makes: .followUp, prints: .labelAndDue) { arguments throws(CommandError) in
                guard let when = arguments.positionals.first else {
                    throw CommandError("follow-up needs a time and a text: follow-up WHEN TEXT, like follow-up 1d call Acme's CTO")
                }
                return try .followUp(when, arguments.text(after: 1))
            },
            VerbForm(
                word: "done", summary: "Mark a follow-up done.", usage: ["F<n>"], example: "F1",
                positionals: [.reference(.followUp, help: "The follow-up, F<n>.")],
                makes: .followUpDone) { arguments throws(CommandError) in
                try .followUpDone(arguments.positionals[0])
            },
        ])
}
