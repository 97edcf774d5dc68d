/// The two leads beside the accountable owner (behavior 5: "it's rare to find one person who can manage both
/// channels well"): the communications lead writes the briefings, the technical lead runs the diagnosis.
public enum IncidentRole: String, CaseIterable, Codable, Sendable {
    case comms
    case tech

    /// What people call it.
    public var title: String {
        switch self {
        case .comms: "communications lead"
        case .tech: "technical lead"
        }
    }

    /// The one word a crowded header has room for.
    public var label: String {
        switch self {
        case .comms: "Comms"
        case .tech: "Tech"
        }
    }

    /// The channel the role answers for.
    public var channel: Channel {
        switch self {
        case .comms: .business
        case .tech: .technical
        }
    }

    /// For error messages: `comms or tech`.
    public static var acceptedNames: String {
        allCases.map(\.rawValue).joined(separator: " or ")
    }

    /// The role a person typed, in any case; nil for anything else.
    public init?(typed: String) {
        self.init(rawValue: typed.lowercased())
    }
}
