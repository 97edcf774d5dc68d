import Foundation

/// `--remind 10m` or `--remind off`, as given when opening an incident.
public enum ReminderLead: Equatable, Sendable {
    case before(TimeInterval)
    case off

    /// The lead time the log records; nil for off.
    public var seconds: TimeInterval? {
        if case .before(let seconds) = self { return seconds }
        return nil
    }
}
