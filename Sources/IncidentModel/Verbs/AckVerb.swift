/// `ack`: the newest standing reminder was seen; its repeats stop (issue 13).
public enum AckVerb: VerbDeclaration {
    public static let verb = Verb(
        "ack", summary: "Acknowledge the standing reminder: its repeats stop, on every screen.",
        discussion: "The banner goes on every dashboard. The promised time does not move: only a briefing moves it.",
        forms: [
            VerbForm(usage: [""], example: "", positionals: [], makes: .reminderAcknowledged) { arguments throws(CommandError) in
                guard arguments.positionals.isEmpty else {
                    throw CommandError("ack takes nothing more: it acknowledges the reminder that stands")
                }
                return .acknowledge
            },
        ])
}
