import Foundation

/// Time left until a promised moment, or how late we are: for the next update and for each deadline.
public struct Countdown: Equatable, Sendable {
    /// How it should look: calm, hurry (the last five minutes), or late.
    public enum Urgency: Equatable, Sendable {
        case calm, warning, overdue
    }

    /// The last five minutes before a promise turn to the warning colour.
    public static let warningWindow: TimeInterval = 5 * 60

    public let target: Date
    public let now: Date

    public init(target: Date, now: Date) {
        self.target = target
        self.now = now
    }

    /// Positive while there is time left, negative once overdue.
    public var remaining: TimeInterval { target.timeIntervalSince(now) }

    /// Whole seconds left, rounded up so "00:00" shows only at the very moment of the promise.
    public var remainingSeconds: Int { Int(remaining.rounded(.up)) }

    public var isOverdue: Bool { remainingSeconds < 0 }

    /// How late, in whole seconds; zero while not overdue.
    public var overdueSeconds: Int { max(0, -remainingSeconds) }

    public var urgency: Urgency {
        if isOverdue { return .overdue }
        return remaining <= Self.warningWindow ? .warning : .calm
    }

    /// `12:34`, `1:02:03`, or `OVERDUE +04:12`.
    public var display: String {
        isOverdue ? "OVERDUE +\(Self.clock(overdueSeconds))" : Self.clock(remainingSeconds)
    }

    /// `in 19:58` or `overdue by 04:12`: for sentences.
    public var phrase: String {
        isOverdue ? "overdue by \(Self.clock(overdueSeconds))" : "in \(Self.clock(remainingSeconds))"
    }

    /// Seconds as `MM:SS`, or `H:MM:SS` from an hour up.
    public static func clock(_ seconds: Int) -> String {
        let s = max(0, seconds)
        let hours = s / 3600, minutes = (s % 3600) / 60, secs = s % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(two(minutes)):\(two(secs))"
    }

    /// A rough span for "quiet for 17m" and "open 2h05m".
    public static func span(_ interval: TimeInterval) -> String {
        let s = max(0, Int(interval))
        if s < 60 { return "\(s)s" }
        let minutes = s / 60
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60, rest = minutes % 60
        if hours < 48 { return rest == 0 ? "\(hours)h" : "\(hours)h\(rest < 10 ? "0" : "")\(rest)m" }
        return "\(hours / 24)d\(hours % 24)h"
    }
}
