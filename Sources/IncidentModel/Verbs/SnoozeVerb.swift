/// `snooze DURATION`: no reminder of the standing reminder's subject for that long; recorded (issue 13).
public enum SnoozeVerb: VerbDeclaration {
    public static let verb = Verb(
        "snooze", summary: "Quiet the standing reminder for a while; the promised time stays.",
        discussion: "Before a promise is due, a snooze may not outlast the time left; once overdue, an hour at most.",
        forms: [
            VerbForm(usage: ["DURATION"], example: "10m",
                     positionals: [VerbPositional("DURATION", .word, help: "How long: 10m, 1h30m, 90s.")],
                     makes: .reminderSnoozed) { arguments throws(CommandError) in
                guard arguments.positionals.count == 1 else {
                    throw CommandError("snooze takes one duration: snooze 10m")
                }
                return try .snooze(arguments.positionals[0])
            },
        ])
}
