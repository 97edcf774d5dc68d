/// `undelivered U<n> TEXT`: why an update did not reach the customer, on record; the flag goes (issue 14).
public enum UndeliveredVerb: VerbDeclaration {
    public static let verb = Verb(
        "undelivered", summary: "Say on record why an update did not reach the customer (clears its flag).",
        discussion: "U<n> is the update as its receipts show it: U0 the opening notice, U1 the first briefing.",
        forms: [
            VerbForm(usage: ["U<n> TEXT"], example: "U1 phoned Jane at ACME and read it to her",
                     positionals: [VerbPositional("UPDATE", .word, help: "The update: U2."),
                                   VerbPositional("TEXT", .text, help: "What was done instead, or why.")],
                     makes: .deliveryExplained) { arguments throws(CommandError) in
                guard let first = arguments.positionals.first, arguments.positionals.count >= 2 else {
                    throw CommandError("undelivered needs an update and why: undelivered U2 phoned Jane instead")
                }
                return try .undelivered(first, why: arguments.text(after: 1))
            },
        ])
}
