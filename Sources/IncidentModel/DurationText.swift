import Foundation

/// Durations as people type them in a war room: `20m`, `1h30m`, `90s`, `2h`, `1d`.
public enum DurationText {
    public static let accepted = "a duration like 20m, 1h30m, 90s or 2h"

    /// Seconds, or nil when the text is not a positive duration of whole units.
    public static func parse(_ text: String) -> TimeInterval? {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !lowered.isEmpty else { return nil }
        var total = 0
        var digits = ""
        var lastUnitRank = Int.max
        for character in lowered {
            if character.isASCIIDigit {
                digits.append(character)
                continue
            }
            let (unitSeconds, rank): (Int, Int)
            switch character {
            case "d": (unitSeconds, rank) = (86_400, 4)
            case "h": (unitSeconds, rank) = (3_600, 3)
            case "m": (unitSeconds, rank) = (60, 2)
            case "s": (unitSeconds, rank) = (1, 1)
            default: return nil
            }
            // Units must come largest first, once each: "30m1h" is more likely a typo than a plan.
            guard let value = Int(digits), digits.count <= 6, rank < lastUnitRank else { return nil }
            total += value * unitSeconds
            digits = ""
            lastUnitRank = rank
        }
        // At most 999999 days in all, so `format` spells it in numbers this accepts ("999999d24h" is 1000000d).
        guard digits.isEmpty, total > 0, total < 1_000_000 * 86_400 else { return nil }
        return TimeInterval(total)
    }

    /// `1h30m`, `20m`, `45s`: the shortest exact spelling.
    public static func format(_ interval: TimeInterval) -> String {
        var s = Int(interval.rounded())
        guard s > 0 else { return "0s" }
        var parts = ""
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where s >= size {
            parts += "\(s / size)\(unit)"
            s %= size
        }
        return parts
    }
}
