/// `remind DURATION|off`: how long before each promised update its first reminder goes (issue 13).
public enum RemindVerb: VerbDeclaration {
    public static let verb = Verb(
        "remind", summary: "Set how long before each promised update its first reminder goes (default 5m).",
        discussion: "'off' drops that early reminder; the reminders when an update falls due and while it is overdue still go.",
        forms: [
            VerbForm(usage: ["DURATION|off"], example: "10m",
                     positionals: [VerbPositional("LEAD", .word, help: "A duration (5m, 15m) or off.")],
                     makes: .reminderLead) { arguments throws(CommandError) in
                guard arguments.positionals.count == 1 else {
                    throw CommandError("remind takes one duration or off: remind 5m")
                }
                return try .remind(arguments.positionals[0])
            },
        ])
}
