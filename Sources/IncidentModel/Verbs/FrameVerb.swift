/// `frame TEXT`: the dashboard's header shows the latest.
public enum FrameVerb: VerbDeclaration {
    public static let verb = Verb.text(
        "frame", summary: "Say in one sentence what the team is trying to do right now.", help: "The frame.",
        example: "restore card payments for EU customers", makes: .frame, Command.frame(validating:))
}
