/// `note TEXT`: what the team tried, saw or thinks, as it happens.
public enum NoteVerb: VerbDeclaration {
    public static let verb = Verb.text(
        "note", summary: "Post a note to the technical channel.", help: "The note.",
        example: "restarted db-2, replication lag is back to 2s", makes: .note, Command.note(validating:))
}
