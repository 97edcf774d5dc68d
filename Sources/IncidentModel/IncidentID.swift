/// The identity of an incident: `INC-<n>` on screen, `<n>` accepted too.
public struct IncidentID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The number the store allocated when the incident was opened.
    public let number: Int

    public init(_ number: Int) {
        self.number = number
    }

    /// Parses `INC-12`, `inc-12` or `12`; nil for anything else.
    public init?(parsing text: String) {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        if digits.uppercased().hasPrefix("INC-") { digits = digits.dropFirst(4) }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits), number > 0 else {
            return nil
        }
        self.number = number
    }

    public var description: String { "INC-\(number)" }

    public static func < (lhs: IncidentID, rhs: IncidentID) -> Bool { lhs.number < rhs.number }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self.number = number
        } else {
            let text = try container.decode(String.self)
            guard let parsed = IncidentID(parsing: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an incident id: \(text)")
            }
            self = parsed
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
