/// `brief TEXT [--next WHEN] [--why TEXT]`: the business briefing, which commits to the next update.
public enum BriefVerb: VerbDeclaration {
    /// The command line refuses a briefing the coach finds fault with; the dashboard shows the coach as
    /// the briefing is typed instead.
    public static let strict = VerbOption("strict", nil, help: "Refuse to post while the coach has findings.",
                                          commandLineOnly: true)

    /// Prints what the customer would receive, and posts nothing (the composer has Ctrl-P for it).
    public static let preview = VerbOption("preview", nil, help: "Print the message the customer would receive; post and send nothing.",
                                           commandLineOnly: true)

    public static let verb = Verb(
        "brief",
        summary: "Post a business briefing; it commits to the time of the next update.",
        discussion: "The briefing coach reads it first and says on stderr what to improve; --strict refuses to post while it finds anything.",
        forms: [
            VerbForm(
                usage: ["TEXT [--next WHEN] [--why TEXT] [--strict] [--preview]"],
                example: "We found the cause and are rolling back --next 30m --why the rollback takes 20 minutes",
                positionals: [VerbPositional("TEXT", .text, help: "The briefing, for the customer's business people.")],
                options: [
                    VerbOption("next", .word, placeholder: "WHEN",
                               help: "When the next update comes. Default: one cadence from now."),
                    .why("Why the next update comes then (behavior 9: explain why)."),
                    strict,
                    preview,
                ],
                makes: .briefing, prints: .briefing) { arguments throws(CommandError) in
                try .brief(arguments.text, next: arguments["next"], why: arguments["why"])
            },
        ])
}
