/// An `--option` a verb form accepts: with a value, or a flag that stands alone.
public struct VerbOption: Sendable {
    /// Without the dashes: `why` for `--why`.
    public let name: String
    /// Nil for a flag such as `--unconfirmed`.
    public let value: VerbValue?
    /// What the usage line calls the value: `WHEN`, `TEXT`.
    public let placeholder: String
    public let help: String
    /// An option only the command line has (`brief --strict`): the composer refuses it as unknown.
    public let commandLineOnly: Bool

    public init(_ name: String, _ value: VerbValue?, placeholder: String = "", help: String,
                commandLineOnly: Bool = false) {
        self.name = name
        self.value = value
        self.placeholder = placeholder
        self.help = help
        self.commandLineOnly = commandLineOnly
    }

    /// How it is written on a line: `--why TEXT`, `--unconfirmed`.
    public var spelled: String {
        value == nil ? "--\(name)" : "--\(name) \(placeholder)"
    }

    // The options several verbs share, declared once so their help reads the same everywhere.
    static func why(_ help: String) -> VerbOption { VerbOption("why", .text, placeholder: "TEXT", help: help) }
    static func inDuration(_ help: String) -> VerbOption {
        VerbOption("in", .word, placeholder: "DURATION", help: help)
    }
    static func at(_ help: String) -> VerbOption { VerbOption("at", .word, placeholder: "WHEN", help: help) }
}
