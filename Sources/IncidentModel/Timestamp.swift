import Foundation

/// Millisecond-precision instants: what the log stores and what it prints.
public enum Timestamp {
    /// Whole milliseconds since 1970, the stores' column type.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Rounds to the millisecond, as a store would.
    public static func truncated(_ date: Date) -> Date {
        Self.date(milliseconds: milliseconds(date))
    }

    /// `2026-11-23T14:05:09.123Z`
    public static func iso8601(_ date: Date) -> String {
        // Built from the whole milliseconds: the format style truncates the binary fraction, so a time stored as
        // …09.001 (a double a hair below it) would print, and read back, as …09.000.
        let (seconds, millis) = milliseconds(date).quotientAndRemainder(dividingBy: 1000)
        let whole = Date(timeIntervalSince1970: TimeInterval(millis < 0 ? seconds - 1 : seconds))
        let text = whole.formatted(Date.ISO8601FormatStyle())
        let fraction = String(millis < 0 ? millis + 1000 : millis)
        return text.dropLast() + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
    }

    /// Accepts ISO 8601 with or without fractional seconds, with `Z` or an offset,
    /// and a local date-time without a zone (read in `timeZone`).
    public static func parseISO8601(_ text: String, timeZone: TimeZone = .gmt) -> Date? {
        // ISO 8601 is ASCII. Anything else is refused before it reaches Foundation's DateFormatter, which traps
        // on some non-ASCII text (a digit with a combining mark: "1\u{5BA}60") instead of returning nil.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let candidates: [Date.ISO8601FormatStyle] = [
            .init(includingFractionalSeconds: true),
            .init(includingFractionalSeconds: false),
        ]
        // Rounded to the millisecond, so a time read back from the log equals the one that was written.
        for style in candidates {
            if let date = try? style.parse(text) { return truncated(date) }
        }
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return truncated(date) }
        }
        return nil
    }
}
