/// What kind of value an argument takes: how many words it reads, and what Tab can offer for it.
public enum VerbValue: Sendable, Equatable {
    /// Free text: every word up to the next option.
    case text
    /// One word: a time, a duration.
    case word
    /// One numbered item of the incident, like `D2`.
    case reference(ItemReference)
    /// One of a fixed set of words, from a `CaseIterable` type.
    case choice([String])

    /// The cases of `type` that `included` keeps, by their raw values: the help and Tab follow the type.
    public static func choice<Value: CaseIterable & RawRepresentable>(
        of type: Value.Type, where included: (Value) -> Bool = { _ in true }
    ) -> VerbValue where Value.RawValue: LosslessStringConvertible {
        .choice(type.allCases.filter(included).map { String($0.rawValue) })
    }

    /// Whether the value runs over several words.
    var isText: Bool { self == .text }
}
