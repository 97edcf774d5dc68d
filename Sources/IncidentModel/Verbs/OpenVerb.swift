/// `open TITLE --severity N …`: starts an incident, so it is the one verb that adds to none.
public enum OpenVerb: VerbDeclaration {
    public static let verb = Verb(
        "open", summary: "Open an incident and print its id.", addsToIncident: false,
        forms: [
            VerbForm(
                usage: ["TITLE --severity N [--customer NAME] [--owner NAME --phone PHONE] [--cadence DURATION] [--remind DURATION|off]"],
                example: "Checkout fails for EU cards --severity 1 --customer Acme --owner Ana --phone +1 555 0100",
                positionals: [VerbPositional("TITLE", .text, help: "What is broken, in the customer's words.")],
                options: [
                    VerbOption("severity", .choice(of: Severity.self), placeholder: "N",
                               help: "1 (business down) to 4 (minor)."),
                    VerbOption("customer", .text, placeholder: "NAME", help: "The customer whose business is affected."),
                    VerbOption("owner", .text, placeholder: "NAME", help: "The single accountable owner (needs --phone)."),
                    VerbOption("phone", .text, placeholder: "PHONE", help: "The owner's phone, shared with the customer."),
                    VerbOption("cadence", .word, placeholder: "DURATION",
                               help: "Time between briefings. Default by severity: 20m, 30m, 1h, 4h."),
                    VerbOption("remind", .word, placeholder: "DURATION|off",
                               help: "How long before each promised update its first reminder goes (default 5m), or off."),
                ],
                makes: .opened, prints: .opening) { arguments throws(CommandError) in
                var severity: Int?
                if let raw = arguments["severity"] {
                    guard let value = Int(raw) else {
                        throw CommandError("severity '\(raw)' is not known: use 1, 2, 3 or 4")
                    }
                    severity = value
                }
                return try .open(title: arguments.text, severity: severity, customer: arguments["customer"],
                                 owner: arguments["owner"], phone: arguments["phone"], cadence: arguments["cadence"],
                                 remind: arguments["remind"])
            },
        ])
}
