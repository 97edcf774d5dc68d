/// `redeliver U<n>`: send an update again to every subscriber it did not reach, once the cause is fixed (issue 14).
public enum RedeliverVerb: VerbDeclaration {
    public static let verb = Verb(
        "redeliver", summary: "Send an update again where it failed, once the cause is fixed (a new hour of retries).",
        discussion: "U<n> is the update as its receipts show it. The flag goes while it is tried again, and comes back if it fails again.",
        forms: [
            VerbForm(usage: ["U<n>"], example: "U1",
                     positionals: [VerbPositional("UPDATE", .word, help: "The update: U2.")],
                     makes: .deliveryRetried) { arguments throws(CommandError) in
                guard arguments.positionals.count == 1 else {
                    throw CommandError("redeliver takes one update: redeliver U2")
                }
                return try .redeliver(arguments.positionals[0])
            },
        ])
}
