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

    /// Whether two moments fall on the same local day.
    public func isSameDay(_ one: Date, _ other: Date) -> Bool {
        format(one, "yyyy-MM-dd", in: timeZone) == format(other, "yyyy-MM-dd", in: timeZone)
    }

    /// `CET`, `CEST`, `EST`: the zone's abbreviation at that moment, or its IANA name when it has none.
    public func zoneName(at date: Date) -> String { formatters.abbreviation(timeZone, at: date) }

    /// `14:30 CET (13:30Z)`, with the date when it is not today, and the year when it is not this year.
    public func absolute(_ date: Date, now: Date) -> String {
        let local = isSameDay(date, now) ? clock(date)
            : format(date, "yyyy", in: timeZone) == format(now, "yyyy", in: timeZone)
                ? format(date, "EEE MMM d HH:mm", in: timeZone) : format(date, "EEE MMM d yyyy HH:mm", in: timeZone)
        let zone = formatters.abbreviation(timeZone, at: date)
        if timeZone.secondsFromGMT(for: date) == 0 { return "\(local) \(zone)" }
        return "\(local) \(zone) (\(utcClock(date)))"
    }

    /// `14:30 CET (13:30Z), in 19:58`: what every command that sets a time echoes back.
    public func commitment(_ date: Date, now: Date) -> String {
        "\(absolute(date, now: now)), \(Countdown(target: date, now: now).phrase)"
    }

    private func format(_ date: Date, _ pattern: String, in zone: TimeZone) -> String {
        formatters.string(date, pattern, zone)
    }
}

/// Building a DateFormatter costs far more than using one, and using one costs more than a dashboard frame
/// should: formatters are kept per pattern, and what they wrote is kept per second, as every frame asks for
/// the same few times (the clocks, the next update's time) again and again.
private final class FormatterCache: @unchecked Sendable {
    // @unchecked: both dictionaries are only touched under `lock`.
    private let lock = NSLock()
    private var formatters: [String: DateFormatter] = [:]
    private var written: [Written: String] = [:]

    private struct Written: Hashable {
        let pattern: String
        let zone: String
        let second: Double
    }

    /// Times written, kept until there are this many: a few frames' worth, then started afresh.
    private static let writtenLimit = 512

    func string(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        // The few patterns a dashboard writes every frame are written here, from the zone's offset: a
        // DateFormatter call cost more than laying out a whole new entry.
        if let written = LocalTimeFields(date, offset: offset(of: zone, at: date)).written(pattern) { return written }
        return remembered(pattern, zone, date) {
            let formatterKey = pattern + "|" + zone.identifier
            let formatter = formatters[formatterKey] ?? Self.formatter(pattern, zone)
            formatters[formatterKey] = formatter
            return formatter.string(from: date)
        }
    }

    /// `CET`, or the zone's name when it has no abbreviation: asking each frame cost as much as a format.
    func abbreviation(_ zone: TimeZone, at date: Date) -> String {
        remembered("abbreviation", zone, date) { ZoneAbbreviation.of(zone, at: date) }
    }

    /// Offsets asked for, per zone and minute: zones change their offset at a whole minute, not always at a
    /// quarter hour (St. John's moved its clocks at 00:01 local until 2011, at 03:31 UTC).
    private var offsets: [Written: Int] = [:]

    private func offset(of zone: TimeZone, at date: Date) -> Int {
        if zone.identifier == "GMT" || zone.identifier == "UTC" { return 0 }
        let key = Written(pattern: "offset", zone: zone.identifier,
                          second: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
        return lock.withLock {
            if let offset = offsets[key] { return offset }
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: key.second))
            if offsets.count >= Self.writtenLimit { offsets.removeAll(keepingCapacity: true) }
            offsets[key] = offset
            return offset
        }
    }

    private func remembered(_ pattern: String, _ zone: TimeZone, _ date: Date, write: () -> String) -> String {
        let key = Written(pattern: pattern, zone: zone.identifier, second: date.timeIntervalSince1970.rounded(.down))
        return lock.withLock {
            if let text = written[key] { return text }
            let text = write()
            if written.count >= Self.writtenLimit { written.removeAll(keepingCapacity: true) }
            written[key] = text
            return text
        }
    }

    private static func formatter(_ pattern: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter
    }
}
