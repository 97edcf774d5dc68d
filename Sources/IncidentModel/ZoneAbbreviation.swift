import Foundation

/// A zone's name as people read it on a clock: `CET`, `CEST`, `EST`. Foundation on Linux answers
/// `GMT+1` for Europe/Berlin, which nobody in a war room says; the tz database itself knows `CET`, in the
/// POSIX rule at the end of the zone's file (`CET-1CEST,M3.5.0,M10.5.0/3`). Where the database has only
/// a number (`<+04>-4` for Asia/Dubai), the zone's IANA name is clearer than a made-up abbreviation.
public enum ZoneAbbreviation {
    /// Where the tz database lives on Debian and most Unix systems.
    public static let zoneinfo = "/usr/share/zoneinfo"

    public static func of(_ zone: TimeZone, at date: Date, zoneinfo: String = zoneinfo) -> String {
        let foundation = zone.abbreviation(for: date)
        if let foundation, isName(foundation) { return foundation }
        if let names = posixNames(zone.identifier, zoneinfo: zoneinfo) {
            let name = zone.isDaylightSavingTime(for: date) ? (names.daylight ?? names.standard) : names.standard
            if isName(name) { return name }
        }
        if zone.secondsFromGMT(for: date) == 0 { return foundation ?? "UTC" }
        return zone.identifier
    }

    /// Letters only: `CET`, `GMT`, `UTC`; not `GMT+1` nor `+04`.
    static func isName(_ text: String) -> Bool {
        (2...6).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// The standard and daylight names in the zone file's POSIX rule, if the file has one.
    static func posixNames(_ identifier: String, zoneinfo: String) -> (standard: String, daylight: String?)? {
        guard !identifier.contains(".."), !identifier.hasPrefix("/"),
              let data = FileManager.default.contents(atPath: zoneinfo + "/" + identifier),
              data.starts(with: Array("TZif".utf8)), data.last == UInt8(ascii: "\n") else { return nil }
        let body = data.dropLast()
        guard let start = body.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
        let rule = String(decoding: body[body.index(after: start)...], as: UTF8.self)
        var rest = Substring(rule)
        guard let standard = name(&rest) else { return nil }
        rest = rest.drop { "+-0123456789:".contains($0) }
        return (standard, name(&rest))
    }

    /// Reads one POSIX zone name: letters, or anything between `<` and `>`.
    private static func name(_ text: inout Substring) -> String? {
        if text.first == "<" {
            guard let close = text.firstIndex(of: ">") else { return nil }
            defer { text = text[text.index(after: close)...] }
            return String(text[text.index(after: text.startIndex)..<close])
        }
        let letters = text.prefix { $0.isLetter }
        guard !letters.isEmpty else { return nil }
        text = text.dropFirst(letters.count)
        return String(letters)
    }
}
