/// `subscribe ADDRESS [--name NAME] [--customer NAME] [--zone ZONE] [--secret S] [--allow-private]` (issue 14).
public enum SubscribeVerb: VerbDeclaration {
    public static let allowPrivate = VerbOption(
        "allow-private", nil, help: "Allow a webhook at a private or loopback address (inside your own network).")

    public static let verb = Verb(
        "subscribe", summary: "Send this incident's updates to a customer contact: an e-mail address or an https:// webhook.",
        discussion: """
            Every briefing, the opening notice and the closure go to each subscriber, built from the business channel \
            alone; a contact added mid-incident also gets the newest update already out. --customer NAME keeps the \
            contact on every later incident of that customer. A webhook's signing secret is made and shown once \
            unless --secret gives it. Mail goes through the host's sendmail (CRISIS_SENDMAIL); deliveries are made \
            by 'crisis watch' or any dashboard that is not --read-only.
            """,
        forms: [
            VerbForm(usage: ["ADDRESS [--name NAME] [--customer NAME] [--zone ZONE] [--secret SECRET] [--allow-private]"],
                     example: "jane@acme.example --name Jane Doe --zone Europe/Berlin",
                     positionals: [VerbPositional("ADDRESS", .word, help: "jane@acme.example or https://hooks.acme.example/crisis")],
                     options: [
                        VerbOption("name", .text, placeholder: "NAME", help: "The contact's name, for the greeting and lists."),
                        VerbOption("customer", .text, placeholder: "NAME",
                                   help: "Also every later incident of this customer (the incident's own customer)."),
                        VerbOption("zone", .word, placeholder: "ZONE",
                                   help: "The contact's time zone for the times they read (Europe/Berlin). Default UTC."),
                        VerbOption("secret", .word, placeholder: "SECRET",
                                   help: "A webhook's signing secret the receiver already has. Default: one is made and shown once."),
                        allowPrivate,
                     ],
                     makes: .subscribed, prints: .subscription) { arguments throws(CommandError) in
                guard arguments.positionals.count == 1 else {
                    throw CommandError("subscribe takes one address: subscribe jane@acme.example --name Jane Doe")
                }
                return try .subscribe(arguments.positionals[0], name: arguments["name"], customer: arguments["customer"],
                                      zone: arguments["zone"], secret: arguments["secret"],
                                      allowPrivate: arguments.isGiven("allow-private"))
            },
        ])
}
