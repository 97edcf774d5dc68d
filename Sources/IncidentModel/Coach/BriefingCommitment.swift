import Foundation

/// What a briefing commits the team to, for the coach's checks that are not about words: the next update's
/// time, whether the person chose it or left it to the cadence, and the reason they gave.
public struct BriefingCommitment: Equatable, Sendable {
    /// When the next update is due, as resolved (a clock time is its next occurrence).
    public let nextUpdateAt: Date
    /// True when a time was given (`--next`); false when the cadence set it.
    public let chosen: Bool
    public let reason: String?
    /// The incident's cadence, when known: the far-promise check needs it.
    public let cadence: TimeInterval?
    public let now: Date

    public init(nextUpdateAt: Date, chosen: Bool, reason: String?, cadence: TimeInterval?, now: Date) {
        self.nextUpdateAt = nextUpdateAt
        self.chosen = chosen
        self.reason = reason
        self.cadence = cadence
        self.now = now
    }
}
