/// `unsubscribe ADDRESS`: the contact is sent nothing more (issue 14).
public enum UnsubscribeVerb: VerbDeclaration {
    public static let verb = Verb(
        "unsubscribe", summary: "Stop sending this incident's updates to a contact.",
        discussion: "A contact subscribed with --customer also leaves every later incident of that customer.",
        forms: [
            VerbForm(usage: ["ADDRESS"], example: "jane@acme.example",
                     positionals: [VerbPositional("ADDRESS", .word, help: "The address as subscribed.")],
                     makes: .unsubscribed) { arguments throws(CommandError) in
                guard arguments.positionals.count == 1 else {
                    throw CommandError("unsubscribe takes one address: unsubscribe jane@acme.example")
                }
                return try .unsubscribe(arguments.positionals[0])
            },
        ])
}
