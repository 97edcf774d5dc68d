import Foundation

/// A moment as typed: a duration from now, a clock time (the next such time, local zone), or an ISO 8601 instant.
public enum When: Equatable, Sendable {
    case after(TimeInterval)
    case clock(hour: Int, minute: Int)
    case instant(Date)

    public static let accepted = "a duration (20m, 1h30m, 90s), a clock time (14:30) or an ISO 8601 time (2026-11-23T14:30:00Z)"

    /// Reads `20m`, `14:30` or `2026-11-23T14:30:00Z`; nil for anything else.
    public init?(parsing raw: String, timeZone: TimeZone = .current) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let seconds = DurationText.parse(text) {
            self = .after(seconds)
        } else if let clock = Self.parseClock(text) {
            self = .clock(hour: clock.hour, minute: clock.minute)
        } else if text.count >= 10, let date = Timestamp.parseISO8601(text, timeZone: timeZone) {
            self = .instant(date)
        } else {
            return nil
        }
    }

    /// The absolute time this means, seen from `now` in `timeZone`.
    public func resolve(now: Date, timeZone: TimeZone) -> Date {
        switch self {
        case .after(let seconds):
            return now.addingTimeInterval(seconds)
        case .instant(let date):
            return date
        case let .clock(hour, minute):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let components = DateComponents(hour: hour, minute: minute, second: 0)
            // "14:30" always means the next 14:30: later today, or tomorrow once it has passed.
            return calendar.nextDate(after: now, matching: components, matchingPolicy: .nextTime,
                                     direction: .forward) ?? now
        }
    }

    private static func parseClock(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return (hour, minute)
    }
}
