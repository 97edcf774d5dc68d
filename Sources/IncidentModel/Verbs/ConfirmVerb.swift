/// `confirm --by NAME [TEXT]`: the customer's word that the fix works, which a close asks for.
public enum ConfirmVerb: VerbDeclaration {
    public static let verb = Verb(
        "confirm", summary: "Record that the customer confirms the fix (the incident must be resolved).",
        forms: [
            VerbForm(
                usage: ["--by NAME [TEXT]"], example: "--by \"Jo at Acme\" card payments work again",
                positionals: [VerbPositional("TEXT", .text, help: "What they said.")],
                options: [VerbOption("by", .text, placeholder: "NAME", help: "Who at the customer confirmed.")],
                makes: .confirmed) { arguments throws(CommandError) in
                try .confirm(by: arguments["by"], note: arguments.positionals.isEmpty ? nil : arguments.text)
            },
        ])
}
