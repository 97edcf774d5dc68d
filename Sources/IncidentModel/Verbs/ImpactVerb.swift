/// `impact TEXT`: for the customer's business people.
public enum ImpactVerb: VerbDeclaration {
    public static let verb = Verb.text(
        "impact", summary: "Record an impact assessment: who is affected, how badly.", help: "The assessment.",
        example: "30% of EU card payments fail; invoices are fine", makes: .impact, Command.impact(validating:))
}
