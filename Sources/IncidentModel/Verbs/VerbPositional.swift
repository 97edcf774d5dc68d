/// A word (or, for text, the rest of the words) a verb form takes in order, without an option name.
public struct VerbPositional: Sendable {
    /// What the usage line calls it: `TEXT`, `D<n>`, `WHEN`.
    public let placeholder: String
    public let value: VerbValue
    public let help: String

    public init(_ placeholder: String, _ value: VerbValue, help: String) {
        self.placeholder = placeholder
        self.value = value
        self.help = help
    }

    static func reference(_ item: ItemReference, help: String) -> VerbPositional {
        VerbPositional("\(item.prefix)<n>", .reference(item), help: help)
    }
}
