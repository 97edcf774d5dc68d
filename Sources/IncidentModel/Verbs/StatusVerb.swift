/// `status STATUS`: every status but `closed`, which only `close` reaches, with its checks.
public enum StatusVerb: VerbDeclaration {
    private static let statuses = VerbValue.choice(of: IncidentStatus.self, where: \.isOpen)

    public static let verb = Verb(
        "status",
        summary: "Set the status: \(openStatuses) ('close' closes).",
        forms: [
            VerbForm(
                usage: [statusNames], example: "mitigated",
                positionals: [VerbPositional("STATUS", statuses, help: "The new status.")],
                makes: .status) { arguments throws(CommandError) in
                guard arguments.positionals.count == 1 else {
                    throw CommandError("status takes one word: \(IncidentStatus.acceptedNames)")
                }
                return try .status(arguments.positionals[0])
            },
        ])

    /// `investigating, identified, … or resolved`: the statuses this verb sets.
    private static var openStatuses: String {
        let names = IncidentStatus.allCases.filter(\.isOpen).map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// `investigating|identified|…`: the grammar accepts every status, so the usage names them all.
    private static var statusNames: String {
        IncidentStatus.allCases.map(\.rawValue).joined(separator: "|")
    }
}
