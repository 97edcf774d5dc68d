/// `deadline TEXT --in 20m` (or `deadline 20m TEXT`), and its outcomes: `met`, `drop`, `slip`.
public enum DeadlineVerb: VerbDeclaration {
    private static let deadline = VerbPositional.reference(.deadline, help: "The deadline, D<n>.")

    public static let verb = Verb(
        "deadline",
        summary: "Set a written deadline for the next diagnostic step; prints D<n>.",
        discussion: "Then mark it met, drop it, or slip it with a reason; the original time stays in the record.",
        forms: [
            VerbForm(
                summary: "Set a deadline.",
                usage: ["TEXT (--in DURATION | --at WHEN) [--owner NAME]", "WHEN TEXT"],
                example: "20m confirm replication lag",
                positionals: [VerbPositional("TEXT", .text, help: "The step to finish by then.")],
                options: [
                    .inDuration("Due after this long."), .at("Due at this time."),
                    VerbOption("owner", .text, placeholder: "NAME", help: "Who delivers it."),
                ],
                makes: .deadlineSet, prints: .labelAndDue, build: DeadlineVerb.setDeadline),
            VerbForm(
                word: "met", summary: "Mark a deadline met.", usage: ["D<n> [--why TEXT]"], example: "D1 --why lag is fine",
                positionals: [deadline], options: [.why("What came of it.")],
                makes: .deadlineMet) { arguments throws(CommandError) in
                try arguments.expectPositionals(1)
                return try .deadlineMet(arguments.positionals[0], why: arguments["why"])
            },
            VerbForm(
                word: "drop", summary: "Drop a deadline: the theory is chopped, move on.", usage: ["D<n> [--why TEXT]"],
                example: "D1 --why not DNS", positionals: [deadline], options: [.why("Why it is dropped.")],
                makes: .deadlineDropped) { arguments throws(CommandError) in
                try arguments.expectPositionals(1)
                return try .deadlineDrop(arguments.positionals[0], why: arguments["why"])
            },
            VerbForm(
                word: "slip", summary: "Move a deadline; the original time and the reason stay in the record.",
                usage: ["D<n> (--in DURATION | --at WHEN) --why TEXT"], example: "D1 --in 15m --why the vendor is slow",
                positionals: [deadline],
                options: [.inDuration("Now due after this long."), .at("Now due at this time."), .why("Why it slips (required).")],
                makes: .deadlineSlipped, prints: .slip) { arguments throws(CommandError) in
                try arguments.expectPositionals(1)
                return try .deadlineSlip(arguments.positionals[0], in: arguments["in"], at: arguments["at"],
                                         why: arguments["why"])
            },
        ])

    /// The composer's shorthand puts the time first: `/deadline 20m confirm replication lag`.
    @Sendable private static func setDeadline(_ arguments: VerbArguments) throws(CommandError) -> Command {
        let owner = arguments["owner"]
        if arguments["in"] == nil, arguments["at"] == nil, let first = arguments.positionals.first,
           arguments.positionals.count > 1, When(parsing: first) != nil {
            let text = arguments.text(after: 1)
            if DurationText.parse(first) != nil {
                return try .deadline(text, in: first, at: nil, owner: owner)
            }
            return try .deadline(text, in: nil, at: first, owner: owner)
        }
        return try .deadline(arguments.text, in: arguments["in"], at: arguments["at"], owner: owner)
    }
}
