import Foundation
import IncidentModel

/// The clock a session stamps with.
public enum SessionClock {
    /// The wall clock, unless `CRISIS_NOW` fixes "now" to an ISO 8601 time: for replaying an incident and for
    /// end-to-end tests that script hours of an incident in seconds.
    public static func from(environment: [String: String]) throws(CommandError) -> any IncidentClock {
        guard let fixed = environment["CRISIS_NOW"], !fixed.isEmpty else { return SystemClock() }
        guard let date = Timestamp.parseISO8601(fixed) else {
            throw CommandError("CRISIS_NOW '\(fixed)' is not an ISO 8601 time like 2026-11-23T14:30:00Z: unset it to use the real clock")
        }
        return ManualClock(date)
    }
}
