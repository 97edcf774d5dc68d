/// One verb of the incident language, declared once: its name, help, forms, arguments and the events it
/// makes. The command line, the composer's `/verb`, the help overlay, `--help`, shell completions and the
/// fuzzers all read this declaration (see `VerbTable`), in the spirit of tmux's `cmd_table`.
public struct Verb: Sendable {
    public let name: String
    /// Other spellings the grammar and the command line accept: `followup`.
    public let aliases: [String]
    /// One line, for lists of verbs and `crisis --help`.
    public let summary: String
    /// What `crisis VERB --help` says beyond the summary and the forms.
    public let discussion: String
    /// The main form first, then the forms a word picks (`met`, `drop`, `slip`).
    public let forms: [VerbForm]
    /// False for `open`, which starts an incident rather than adding to one: the dashboard, which always
    /// shows one, does not offer it.
    public let addsToIncident: Bool

    public init(_ name: String, aliases: [String] = [], summary: String, discussion: String = "",
                addsToIncident: Bool = true, forms: [VerbForm]) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.discussion = discussion
        self.addsToIncident = addsToIncident
        self.forms = forms
    }

    /// Every spelling, the name first.
    public var names: [String] { [name] + aliases }

    /// How `form` is named in messages and usage: `deadline met`.
    public func title(of form: VerbForm) -> String {
        form.word.map { "\(name) \($0)" } ?? name
    }

    /// Every usage line of every form, each starting with the verb: `deadline met D<n> [--why TEXT]`.
    public var usage: [String] {
        forms.flatMap { form in form.usage.map { "\(title(of: form)) \($0)" } }
    }

    /// The words after the verb, read as one of its forms.
    public func parse(_ words: [CommandTokenizer.Word],
                      front: CommandFront = .composer) throws(CommandError) -> VerbInvocation {
        let (form, rest) = self.form(for: words)
        let title = title(of: form)
        let arguments = try VerbArguments(rest, verb: title,
                                          usage: form.usage.map { "\(title) \($0)" }.joined(separator: "   or   "),
                                          options: form.options(for: front))
        return VerbInvocation(command: try form.build(arguments), flags: arguments.givenFlags)
    }

    /// The form the words pick, and the words left for it. A form's word picks it only when a reference
    /// follows (`deadline met D2`), so a deadline whose step starts with `drop` is still a deadline; a form
    /// that takes no options takes nothing after its reference either, so `ask done A1 and more` is a request.
    func form(for words: [CommandTokenizer.Word]) -> (VerbForm, [CommandTokenizer.Word]) {
        let main = forms.first { $0.word == nil } ?? forms[0]
        guard let first = words.first?.text.lowercased(), words.count >= 2 else { return (main, words) }
        for form in forms where form.word == first {
            guard let reference = form.reference, reference.matches(words[1].text),
                  !form.options.isEmpty || words.count == 2 else { continue }
            return (form, Array(words.dropFirst()))
        }
        return (main, words)
    }
}
