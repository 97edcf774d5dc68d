/// `park TEXT`: out of the way now, kept for the debrief.
public enum ParkVerb: VerbDeclaration {
    public static let verb = Verb.text(
        "park", summary: "Park a complaint or idea for the debrief.", help: "The item.",
        example: "why did the alert not fire?", makes: .parked, Command.park(validating:))
}
