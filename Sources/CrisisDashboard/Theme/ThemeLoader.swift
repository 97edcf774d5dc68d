import CrisisThemes
import Foundation

/// Finds and reads the theme to use: `--theme NAME` (or a path to a `.toml` file), else `CRISIS_THEME`,
/// else `default`. Themes live in `CRISIS_THEMES_DIR`, beside the executable, or in the package's `themes/`
/// folder above it; a name found in none of them is one of the themes compiled into the binary, so a
/// `crisis` copied alone onto the PATH keeps them all. `NO_COLOR` takes the colour out.
public struct ThemeLoader: Sendable {
    public let environment: [String: String]
    public let executablePath: String
    public let currentDirectory: String

    public init(environment: [String: String], executablePath: String, currentDirectory: String) {
        self.environment = environment
        self.executablePath = executablePath
        self.currentDirectory = currentDirectory
    }

    public func load(name option: String?) throws(ThemeError) -> Theme {
        let name = option ?? environment["CRISIS_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        var theme = try find(name)
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { theme = theme.withoutColour }
        return theme
    }

    private func find(_ name: String) throws(ThemeError) -> Theme {
        if name.contains("/") || name.hasSuffix(".toml") {
            return try read(path: name)
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ThemeError("theme '\(name)' is not a theme name: use letters, digits and -, or a path to a .toml file")
        }
        let directories = candidateDirectories()
        for directory in directories {
            let path = (directory as NSString).appendingPathComponent(name + ".toml")
            if FileManager.default.fileExists(atPath: path) { return try read(path: path) }
        }
        if let shipped = ShippedThemes.all[name] {
            return try ThemeFile.parse(shipped, file: "\(name).toml (built in)")
        }
        throw ThemeError("theme '\(name)' not found: available: " + availableNames().joined(separator: ", "))
    }

    private func read(path: String) throws(ThemeError) -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError("\(path): cannot read the theme file")
        }
        return try ThemeFile.parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Every name `load(name:)` finds: the built-in themes and those in the themes directories, sorted.
    public func availableNames() -> [String] {
        Set(candidateDirectories().flatMap(Self.themeNames) + ShippedThemes.names).sorted()
    }

    /// Where themes may be, most specific first, keeping only directories that exist.
    public func candidateDirectories() -> [String] {
        var candidates: [String] = []
        if let dir = environment["CRISIS_THEMES_DIR"], !dir.isEmpty { candidates.append(dir) }
        let executable = (executablePath as NSString).resolvingSymlinksInPath
        var directory = (executable as NSString).deletingLastPathComponent
        candidates.append((directory as NSString).appendingPathComponent("themes"))
        candidates.append((directory as NSString).appendingPathComponent("../share/crisis/themes"))
        // A build inside the package (.build/debug/crisis): the package's own themes/ folder.
        for _ in 0..<6 {
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory { break }
            directory = parent
            if FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("Package.swift")) {
                candidates.append((directory as NSString).appendingPathComponent("themes"))
                break
            }
        }
        candidates.append((currentDirectory as NSString).appendingPathComponent("themes"))
        var isDirectory: ObjCBool = false
        return candidates.map { ($0 as NSString).standardizingPath }.filter {
            FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    private static func themeNames(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".toml") }.map { ($0 as NSString).deletingPathExtension }
    }
}
