import Foundation
import TOMLKit

/// Reads a theme from TOML:
///
/// ```toml
/// name = "default"
/// [roles.header]
/// fg = 231          # 256-colour number, or "default" for the terminal's own
/// bg = 24
/// fg8 = "white"     # for 8-colour terminals: a colour name or 0-7
/// bg8 = "blue"
/// bold = true
/// ```
public enum ThemeFile {
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError("\(file):\(error.source.begin.line): \(error.description)")
        } catch {
            throw ThemeError("\(file): \(error)")
        }
        let name = table["name"]?.string ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let roles = table["roles"]?.table else {
            throw ThemeError("\(file):1: no [roles.NAME] tables: a theme gives colours to \(roleNames)")
        }
        var looks: [StyleRole: Theme.Look] = [:]
        for key in roles.keys {
            guard let role = StyleRole(rawValue: key) else {
                throw ThemeError("\(file):\(line(of: "[roles.\(key)]", in: text)): unknown role '\(key)': use \(roleNames)")
            }
            guard let entry = roles[key]?.table else {
                throw ThemeError("\(file):\(line(of: key, in: text)): roles.\(key) must be a table with fg, bg, fg8, bg8, bold")
            }
            func where_(_ field: String) -> String {
                "\(file):\(line(of: field, in: text, after: "[roles.\(key)]")): roles.\(key).\(field)"
            }
            var look = Theme.Look()
            for field in entry.keys {
                let value = entry[field]
                switch field {
                case "fg", "bg":
                    let colour = try colour(value, max: 255, at: where_(field))
                    if field == "fg" { look.foreground = colour } else { look.background = colour }
                case "fg8", "bg8":
                    let colour = try colour(value, max: 7, at: where_(field))
                    if field == "fg8" { look.foreground8 = colour } else { look.background8 = colour }
                case "bold", "reverse":
                    guard let flag = value?.bool else { throw ThemeError("\(where_(field)) must be true or false") }
                    if field == "bold" { look.bold = flag } else { look.reverse = flag }
                default:
                    throw ThemeError("\(where_(field)) is not known: use fg, bg, fg8, bg8, bold, reverse")
                }
            }
            looks[role] = look
        }
        return Theme(name: name, looks: looks)
    }

    private static var roleNames: String { StyleRole.allCases.map(\.rawValue).joined(separator: ", ") }

    private static func colour(_ value: (any TOMLValueConvertible)?, max: Int, at place: String) throws(ThemeError) -> Int {
        if let number = value?.int {
            guard (-1...max).contains(number) else {
                throw ThemeError("\(place) = \(number) is not a colour: use 0-\(max) or \"default\"")
            }
            return number
        }
        if let name = value?.string, let number = Theme.colourNames[name.lowercased()], number <= max {
            return number
        }
        throw ThemeError("\(place) is not a colour: use 0-\(max)" + (max == 7 ? ", a colour name" : "") + " or \"default\"")
    }

    /// The line (from 1) where `needle` first appears, after the line holding `section` when given.
    static func line(of needle: String, in text: String, after section: String? = nil) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var start = 0
        if let section, let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == section }) {
            start = index
        }
        for index in start..<lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(needle) { return index + 1 }
        }
        return start + 1
    }
}
