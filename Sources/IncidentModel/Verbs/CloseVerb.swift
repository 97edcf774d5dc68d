/// `close [--unconfirmed] [--why TEXT]`: whether a reason is needed depends on the incident, so the
/// resolution checks it, not the grammar.
public enum CloseVerb: VerbDeclaration {
    public static let verb = Verb(
        "close", summary: "Close the incident once the customer has confirmed the fix.",
        discussion: """
            Without a confirmation, only with --unconfirmed --why TEXT, which stays in the record.
            With questions unanswered, deadlines open or requests of the customer not done, close names them \
            and asks for --why TEXT saying why they stay open.
            """,
        forms: [
            VerbForm(
                usage: ["[--unconfirmed] [--why TEXT]"],
                example: "--unconfirmed --why Acme is unreachable until Monday", positionals: [],
                options: [
                    VerbOption("unconfirmed", nil, help: "Close without the customer's confirmation."),
                    .why("Why there is no confirmation (required with --unconfirmed), or why what is open stays open."),
                ],
                makes: .closed) { arguments throws(CommandError) in
                try arguments.expectNoText()
                return try .close(unconfirmed: arguments.isGiven("unconfirmed"), why: arguments["why"])
            },
        ])
}
