/// `question TEXT`: stays open until answered, and a close names it while it is.
public enum QuestionVerb: VerbDeclaration {
    public static let verb = Verb.text(
        "question", summary: "Ask a question that stays open until answered; prints Q<n>.", help: "The question.",
        example: "did the deploy at 12:50 touch the payment service?", makes: .question, prints: .label,
        Command.question(validating:))
}
