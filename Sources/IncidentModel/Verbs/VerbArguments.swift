/// A verb's words sorted into positional text, `--option value` pairs and flags, by the options its form
/// declares.
public struct VerbArguments: Sendable {
    public private(set) var positionals: [String] = []
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    /// The form's usage, for a message about words it does not take.
    private let usage: String

    /// A `.text` value runs to the next option, unless its first word was quoted: then, as in a shell, the
    /// closing quote ends it (`--by "Jo at Acme" card payments are fine`).
    init(_ words: [CommandTokenizer.Word], verb: String, usage: String,
         options: [VerbOption]) throws(CommandError) {
        self.usage = usage
        let tokens = words.map(\.text)
        let byName = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var index = 0
        var onlyText = false
        func accepted() -> String {
            options.isEmpty ? "\(verb) takes no options"
                : "\(verb) accepts " + options.map(\.name).sorted().map { "--\($0)" }.joined(separator: ", ")
        }
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if onlyText || !Self.isOption(token) {
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
            guard let option = byName[name] else {
                throw CommandError("unknown option --\(name): \(accepted()) (put text after -- to post it as it is)")
            }
            guard values[name] == nil, !flags.contains(name) else { throw CommandError("--\(name) is given twice") }
            guard let shape = option.value else {
                guard inlineValue == nil else { throw CommandError("--\(name) takes no value") }
                flags.insert(name)
                continue
            }
            var value: [String] = inlineValue.map { [$0] } ?? []
            if inlineValue == nil {
                // A value runs to the next option or to `--`, which ends the options in a value too.
                let valueStart = index
                while index < tokens.count, tokens[index] != "--", !Self.isOption(tokens[index]) {
                    value.append(tokens[index])
                    index += 1
                    if !shape.isText || words[valueStart].quoted { break }
                }
            }
            guard !value.isEmpty else { throw CommandError("--\(name) needs a value") }
            values[name] = value.joined(separator: " ")
        }
    }

    /// `--why`, `--in=20m`; a lone `--` ends the options and `-5` is text.
    static func isOption(_ token: String) -> Bool {
        token.hasPrefix("--") && token.count > 2
    }

    public subscript(option: String) -> String? { values[option] }

    /// The names of the flags given.
    var givenFlags: Set<String> { flags }

    /// Whether the flag `name` was given.
    public func isGiven(_ name: String) -> Bool { flags.contains(name) }

    /// The positional words as one text, the way they were typed, one space apart.
    public var text: String { positionals.joined(separator: " ") }

    /// The positional words after the first `count`, as one text.
    public func text(after count: Int) -> String {
        positionals.dropFirst(count).joined(separator: " ")
    }

    /// Refuses positional words where the form takes none.
    public func expectNoText() throws(CommandError) {
        try expectPositionals(0)
    }

    /// Refuses positional words beyond the first `count`.
    public func expectPositionals(_ count: Int) throws(CommandError) {
        guard positionals.count <= count else {
            throw CommandError("unexpected '\(text(after: count))': use \(usage)")
        }
    }
}
