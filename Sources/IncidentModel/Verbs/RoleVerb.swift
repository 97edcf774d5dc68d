/// `role comms|tech NAME [--phone PHONE]`: a lead for each channel beside the accountable owner (behavior 5).
public enum RoleVerb: VerbDeclaration {
    public static let verb = Verb(
        "role", summary: "Hand a channel to its lead: comms writes the briefings, tech runs the diagnosis.",
        discussion: "Each handoff keeps the earlier lead on record; the owner stays the one accountable person.",
        forms: [
            VerbForm(
                usage: ["comms|tech NAME [--phone PHONE]"], example: "comms Marc Weber --phone +49 30 1234",
                positionals: [
                    VerbPositional("ROLE", .choice(of: IncidentRole.self), help: "comms (communications lead) or tech (technical lead)."),
                    VerbPositional("NAME", .text, help: "Who takes the role."),
                ],
                options: [VerbOption("phone", .text, placeholder: "PHONE", help: "How to reach them.")],
                makes: .role) { arguments throws(CommandError) in
                guard let role = arguments.positionals.first, arguments.positionals.count >= 2 else {
                    throw CommandError("role needs a role and a name: role \(IncidentRole.allCases.map(\.rawValue).joined(separator: "|")) NAME [--phone PHONE]")
                }
                return try .role(role, arguments.text(after: 1), phone: arguments["phone"])
            },
        ])
}
