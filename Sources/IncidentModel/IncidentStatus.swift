/// Where the incident stands. Only `closed` takes it off the list of open incidents.
public enum IncidentStatus: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case investigating, identified, monitoring, mitigated, resolved, closed

    public var isOpen: Bool { self != .closed }

    public var description: String { rawValue }

    /// The accepted spellings, for error messages.
    public static var acceptedNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
