/// Every verb, in the order people reach for them: the one list of verbs, which the grammar, the command
/// line, the help overlay, completions and the fuzzers' dictionary read. Adding a verb is one new file in
/// this folder and one line here.
public enum VerbTable {
    /// Computed, not stored: metatypes are not `Sendable`, and the list is read rarely.
    public static var all: [any VerbDeclaration.Type] {
        [
            OpenVerb.self, NoteVerb.self, BriefVerb.self, DeadlineVerb.self, QuestionVerb.self, AnswerVerb.self,
            ImpactVerb.self, FrameVerb.self, WorkaroundVerb.self, AskVerb.self, OwnerVerb.self, StatusVerb.self,
            RoleVerb.self, ParkVerb.self, ConfirmVerb.self, CloseVerb.self, FollowUpVerb.self, AckVerb.self,
            SnoozeVerb.self, RemindVerb.self, SubscribeVerb.self, UnsubscribeVerb.self, UndeliveredVerb.self, RedeliverVerb.self,
        ]
    }

    public static var verbs: [Verb] { all.map { $0.verb } }

    /// The verb `word` names, by its name or an alias, ignoring case.
    public static func verb(named word: String) -> Verb? {
        let word = word.lowercased()
        return verbs.first { $0.names.contains(word) }
    }

    /// The form that makes events of `kind`: each kind is made by one form at most.
    public static func form(making kind: EventKind) -> VerbForm? {
        verbs.lazy.flatMap(\.forms).first { $0.makes == kind }
    }

    /// The names, for messages that list them.
    public static var names: [String] { verbs.map(\.name) }
}
