/// `owner NAME --phone PHONE`: one accountable owner the customer can reach (behavior 11).
public enum OwnerVerb: VerbDeclaration {
    public static let verb = Verb(
        "owner", summary: "Hand the incident to its single accountable owner.",
        forms: [
            VerbForm(
                usage: ["NAME --phone PHONE"], example: "Ana Ruiz --phone +1 555 0100",
                positionals: [VerbPositional("NAME", .text, help: "The owner's name.")],
                options: [VerbOption("phone", .text, placeholder: "PHONE",
                                     help: "A phone number the customer can call, day and night.")],
                makes: .owner) { arguments throws(CommandError) in
                try .owner(arguments.text, phone: arguments["phone"])
            },
        ])
}
