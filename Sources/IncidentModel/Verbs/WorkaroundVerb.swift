/// `workaround TEXT`: the customer moves on while the fix is found.
public enum WorkaroundVerb: VerbDeclaration {
    public static let verb = Verb.text(
        "workaround", summary: "Record a workaround that gets the customer moving; prints W<n>.", help: "The workaround.",
        example: "pay by invoice until card payments work", makes: .workaround, prints: .label,
        Command.workaround(validating:))
}
