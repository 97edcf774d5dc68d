/// Reads a verb and its arguments (`deadline 20m confirm replication lag`, `brief … --next 30m --why …`) into a
/// `Command`. The dashboard's composer feeds it `/verb …` lines; the command line's options map onto the same
/// factories, so both accept the same verbs with the same errors.
public enum CommandGrammar {
    /// One line of usage per verb, in the order people reach for them: for help screens and errors.
    public static let usage: [(verb: String, usage: String)] = [
        ("note", "note TEXT"),
        ("brief", "brief TEXT [--next WHEN] [--why TEXT]"),
        ("deadline", "deadline TEXT (--in DURATION | --at WHEN) [--owner NAME]   or   deadline 20m TEXT"),
        ("deadline met", "deadline met|drop D<n> [--why TEXT]"),
        ("deadline slip", "deadline slip D<n> (--in DURATION | --at WHEN) --why TEXT"),
        ("question", "question TEXT"),
        ("answer", "answer Q<n> TEXT"),
        ("impact", "impact TEXT"),
        ("frame", "frame TEXT"),
        ("workaround", "workaround TEXT"),
        ("ask", "ask TEXT --why TEXT   or   ask done A<n>"),
        ("owner", "owner NAME --phone PHONE"),
        ("status", "status \(IncidentStatus.allCases.map(\.rawValue).joined(separator: "|"))"),
        ("park", "park TEXT"),
        ("confirm", "confirm --by NAME [TEXT]"),
        ("close", "close [--unconfirmed] [--why TEXT]"),
        ("follow-up", "follow-up WHEN TEXT   or   follow-up done F<n>"),
        ("open", "open TITLE --severity N [--customer NAME] [--owner NAME --phone PHONE] [--cadence DURATION]"),
    ]

    public static var verbs: [String] {
        ["note", "brief", "deadline", "question", "answer", "impact", "frame", "workaround", "ask", "owner",
         "status", "park", "confirm", "close", "follow-up", "open"]
    }

    /// Parses a composer line such as `/deadline 20m check the lag` (the slash is optional).
    public static func parse(line: String) throws(CommandError) -> Command {
        var text = Substring(line.trimmingCharacters(in: .whitespacesAndNewlines))
        if text.hasPrefix("/") { text = text.dropFirst() }
        return try parse(words: try CommandTokenizer.words(String(text)))
    }

    /// Parses a verb followed by its arguments, already split into words (none of them quoted).
    public static func parse(tokens: [String]) throws(CommandError) -> Command {
        try parse(words: tokens.map { CommandTokenizer.Word($0) })
    }

    /// Parses a verb followed by its arguments as the tokenizer split them.
    public static func parse(words: [CommandTokenizer.Word]) throws(CommandError) -> Command {
        guard let verb = words.first?.text.lowercased() else {
            throw CommandError("no command given: use one of \(verbs.joined(separator: ", "))")
        }
        let rest = Array(words.dropFirst())
        switch verb {
        case "note":
            let a = try Arguments(rest, verb: verb, options: [:])
            return try .note(validating: a.text)
        case "brief":
            let a = try Arguments(rest, verb: verb, options: ["next": .word, "why": .text])
            return try .brief(a.text, next: a["next"], why: a["why"])
        case "deadline":
            return try parseDeadline(rest)
        case "question":
            return try .question(validating: try Arguments(rest, verb: verb, options: [:]).text)
        case "answer":
            let a = try Arguments(rest, verb: verb, options: [:])
            guard let reference = a.positionals.first else {
                throw CommandError("answer needs the question: answer Q<n> TEXT")
            }
            return try .answer(reference, a.positionals.dropFirst().joined(separator: " "))
        case "impact":
            return try .impact(validating: try Arguments(rest, verb: verb, options: [:]).text)
        case "frame":
            return try .frame(validating: try Arguments(rest, verb: verb, options: [:]).text)
        case "workaround":
            return try .workaround(validating: try Arguments(rest, verb: verb, options: [:]).text)
        case "ask":
            if rest.first?.text.lowercased() == "done", rest.count == 2, looksLikeReference(rest[1].text, prefix: "A") {
                return try .askDone(rest[1].text)
            }
            let a = try Arguments(rest, verb: verb, options: ["why": .text])
            return try .ask(a.text, why: a["why"])
        case "owner":
            let a = try Arguments(rest, verb: verb, options: ["phone": .text])
            return try .owner(a.text, phone: a["phone"])
        case "status":
            let a = try Arguments(rest, verb: verb, options: [:])
            guard a.positionals.count == 1 else {
                throw CommandError("status takes one word: \(IncidentStatus.acceptedNames)")
            }
            return try .status(a.positionals[0])
        case "park":
            return try .park(validating: try Arguments(rest, verb: verb, options: [:]).text)
        case "confirm":
            let a = try Arguments(rest, verb: verb, options: ["by": .text])
            return try .confirm(by: a["by"], note: a.positionals.isEmpty ? nil : a.text)
        case "close":
            var words = rest
            let unconfirmed = words.contains { $0.text == "--unconfirmed" }
            words.removeAll { $0.text == "--unconfirmed" }
            let a = try Arguments(words, verb: verb, options: ["why": .text])
            try a.expectNoText("close [--unconfirmed] [--why TEXT]")
            return try .close(unconfirmed: unconfirmed, why: a["why"])
        case "follow-up", "followup":
            if rest.first?.text.lowercased() == "done", rest.count == 2, looksLikeReference(rest[1].text, prefix: "F") {
                return try .followUpDone(rest[1].text)
            }
            let a = try Arguments(rest, verb: verb, options: [:])
            guard let when = a.positionals.first else {
                throw CommandError("follow-up needs a time and a text: follow-up WHEN TEXT, like follow-up 1d call Acme's CTO")
            }
            return try .followUp(when, a.positionals.dropFirst().joined(separator: " "))
        case "open":
            let a = try Arguments(rest, verb: verb, options: [
                "severity": .word, "customer": .text, "owner": .text, "phone": .text, "cadence": .word,
            ])
            var severity: Int?
            if let raw = a["severity"] {
                guard let value = Int(raw) else {
                    throw CommandError("severity '\(raw)' is not known: use 1, 2, 3 or 4")
                }
                severity = value
            }
            return try .open(title: a.text, severity: severity, customer: a["customer"], owner: a["owner"],
                             phone: a["phone"], cadence: a["cadence"])
        default:
            throw CommandError("unknown command '\(verb)': use one of \(verbs.joined(separator: ", "))")
        }
    }

    private static func parseDeadline(_ rest: [CommandTokenizer.Word]) throws(CommandError) -> Command {
        // `deadline met D2`: a sub-verb only when a deadline reference follows, so a step that starts
        // with the word "drop" is still a step.
        if let sub = rest.first?.text.lowercased(), ["met", "drop", "slip"].contains(sub),
           rest.count >= 2, looksLikeReference(rest[1].text, prefix: "D") {
            let reference = rest[1].text
            let tail = Array(rest.dropFirst(2))
            switch sub {
            case "met":
                let a = try Arguments(tail, verb: "deadline met", options: ["why": .text])
                try a.expectNoText("deadline met D<n> [--why TEXT]")
                return try .deadlineMet(reference, why: a["why"])
            case "drop":
                let a = try Arguments(tail, verb: "deadline drop", options: ["why": .text])
                try a.expectNoText("deadline drop D<n> [--why TEXT]")
                return try .deadlineDrop(reference, why: a["why"])
            default:
                let a = try Arguments(tail, verb: "deadline slip", options: ["in": .word, "at": .word, "why": .text])
                try a.expectNoText("deadline slip D<n> (--in DURATION | --at WHEN) --why TEXT")
                return try .deadlineSlip(reference, in: a["in"], at: a["at"], why: a["why"])
            }
        }
        let a = try Arguments(rest, verb: "deadline", options: ["in": .word, "at": .word, "owner": .text])
        // The composer's shorthand: `/deadline 20m confirm replication lag`.
        if a["in"] == nil, a["at"] == nil, let first = a.positionals.first, a.positionals.count > 1,
           When(parsing: first) != nil {
            let text = a.positionals.dropFirst().joined(separator: " ")
            if DurationText.parse(first) != nil {
                return try .deadline(text, in: first, at: nil, owner: a["owner"])
            }
            return try .deadline(text, in: nil, at: first, owner: a["owner"])
        }
        return try .deadline(a.text, in: a["in"], at: a["at"], owner: a["owner"])
    }

    private static func looksLikeReference(_ token: String, prefix: String) -> Bool {
        (try? Command.number(token, prefix: prefix, what: "")) != nil
    }
}

/// A verb's words sorted into positional text and `--option value` pairs.
struct Arguments {
    enum ValueShape {
        /// One word: a time, a number.
        case word
        /// Every word up to the next option: a reason, a name.
        case text
    }

    private(set) var positionals: [String] = []
    private var values: [String: String] = [:]

    /// A `.text` value runs to the next option, unless its first word was quoted: then, as in a shell, the
    /// closing quote ends it (`--by "Jo at Acme" card payments are fine`).
    init(_ words: [CommandTokenizer.Word], verb: String, options: [String: ValueShape]) throws(CommandError) {
        let tokens = words.map(\.text)
        var index = 0
        var onlyText = false
        func accepted() -> String {
            options.isEmpty ? "\(verb) takes no options" : "\(verb) accepts " + options.keys.sorted().map { "--\($0)" }.joined(separator: ", ")
        }
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if onlyText || !token.hasPrefix("--") || token.count <= 2 {
                if token == "--" && !onlyText { onlyText = true; continue }
                positionals.append(token)
                continue
            }
            var name = String(token.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let shape = options[name] else {
                throw CommandError("unknown option --\(name): \(accepted()) (put text after -- to post it as it is)")
            }
            guard values[name] == nil else { throw CommandError("--\(name) is given twice") }
            var value: [String] = inlineValue.map { [$0] } ?? []
            if inlineValue == nil {
                // A value runs to the next option or to `--`, which ends the options in a value too.
                let valueStart = index
                while index < tokens.count, tokens[index] != "--",
                      !(tokens[index].hasPrefix("--") && tokens[index].count > 2) {
                    value.append(tokens[index])
                    index += 1
                    if shape == .word || words[valueStart].quoted { break }
                }
            }
            guard !value.isEmpty else { throw CommandError("--\(name) needs a value") }
            values[name] = value.joined(separator: " ")
        }
    }

    subscript(option: String) -> String? { values[option] }

    /// The positional words as one text, the way they were typed, one space apart.
    var text: String { positionals.joined(separator: " ") }

    func expectNoText(_ usage: String) throws(CommandError) {
        guard positionals.isEmpty else {
            throw CommandError("unexpected '\(text)': use \(usage)")
        }
    }
}
