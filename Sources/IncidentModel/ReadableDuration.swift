import Foundation

/// A span of time as people read it at a glance in a report: `45 s`, `8 min`, `1 h 17 min`, `2 d 3 h`.
///
/// Two units at most, rounded to the nearest of the smaller one: a debrief reader wants "1 h 17 min",
/// not `1:17:23`, which reads like a time of day. `DurationText` is the terse form people type.
///
/// ```swift
/// ReadableDuration.format(4_620)  // "1 h 17 min"
/// ```
public enum ReadableDuration {
    public static func format(_ interval: TimeInterval) -> String {
        let seconds = Int(max(0, interval).rounded())
        if seconds < 60 { return "\(seconds) s" }
        let minutes = (seconds + 30) / 60
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 24 * 60 { return joined(minutes / 60, "h", minutes % 60, "min") }
        let hours = (seconds + 1_800) / 3_600
        return joined(hours / 24, "d", hours % 24, "h")
    }

    private static func joined(_ large: Int, _ largeUnit: String, _ small: Int, _ smallUnit: String) -> String {
        small == 0 ? "\(large) \(largeUnit)" : "\(large) \(largeUnit) \(small) \(smallUnit)"
    }
}
