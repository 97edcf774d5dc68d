import Foundation

/// A moment's local date and time, worked out from the zone's offset in whole seconds (days from the civil
/// calendar, the proleptic Gregorian one that `DateFormatter` also uses for these years), and the few
/// fixed patterns people read on every frame, written as `DateFormatter` with `en_US_POSIX` writes them.
struct LocalTimeFields {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int

    init(_ date: Date, offset: Int) {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down)) + offset
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        // Howard Hinnant's days_from_civil, inverted.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The moment in `pattern`, for the patterns written here; nil for any other.
    func written(_ pattern: String) -> String? {
        switch pattern {
        case "HH:mm": return "\(Self.two(hour)):\(Self.two(minute))"
        case "HH:mm:ss": return "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))"
        case "MMM d HH:mm": return "\(Self.monthNames[month - 1]) \(day) \(Self.two(hour)):\(Self.two(minute))"
        case "yyyy-MM-dd" where year >= 1000 && year <= 9999: return "\(year)-\(Self.two(month))-\(Self.two(day))"
        default: return nil
        }
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
