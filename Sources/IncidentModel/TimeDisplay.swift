import Foundation

/// How times are shown to people: local `HH:MM` beside UTC, so "14:30" is never misread across time zones.
public struct TimeDisplay: Sendable {
    public let timeZone: TimeZone
    private let formatters: FormatterCache

    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
        self.formatters = FormatterCache()
    }

    /// `14:30`
    public func clock(_ date: Date) -> String { format(date, "HH:mm", in: timeZone) }

    /// `14:30:05`
    public func clockWithSeconds(_ date: Date) -> String { format(date, "HH:mm:ss", in: timeZone) }

    /// `Nov 23 14:30`: for incidents that span days.
    public func dayAndClock(_ date: Date) -> String { format(date, "MMM d HH:mm", in: timeZone) }

    /// `13:30Z`
    public func utcClock(_ date: Date) -> String { format(date, "HH:mm", in: .gmt) + "Z" }

    /// `13:30:05Z`
    public func utcClockWithSeconds(_ date: Date) -> String { format(date, "HH:mm:ss", in: .gmt) + "Z" }

    /// `14:30 CET (13:30Z)`, with the date when it is not today.
    public func absolute(_ date: Date, now: Date) -> String {
        let sameDay = format(date, "yyyy-MM-dd", in: timeZone) == format(now, "yyyy-MM-dd", in: timeZone)
        let local = sameDay ? clock(date) : format(date, "EEE MMM d HH:mm", in: timeZone)
        let zone = timeZone.abbreviation(for: date) ?? timeZone.identifier
        if timeZone.secondsFromGMT(for: date) == 0 { return "\(local) \(zone)" }
        return "\(local) \(zone) (\(utcClock(date)))"
    }

    /// `14:30 CET (13:30Z), in 19:58`: what every command that sets a time echoes back.
    public func commitment(_ date: Date, now: Date) -> String {
        "\(absolute(date, now: now)), \(Countdown(target: date, now: now).phrase)"
    }

    private func format(_ date: Date, _ pattern: String, in zone: TimeZone) -> String {
        formatters.formatter(pattern, zone).string(from: date)
    }
}

/// Building a DateFormatter costs far more than using one, and the dashboard formats every entry's time.
private final class FormatterCache: @unchecked Sendable {
    // @unchecked: the dictionary is only touched under `lock`; DateFormatter formatting is thread-safe.
    private let lock = NSLock()
    private var cache: [String: DateFormatter] = [:]

    func formatter(_ pattern: String, _ zone: TimeZone) -> DateFormatter {
        lock.withLock {
            let key = pattern + "|" + zone.identifier
            if let cached = cache[key] { return cached }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = pattern
            cache[key] = formatter
            return formatter
        }
    }
}
