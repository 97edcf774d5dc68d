import Foundation

/// The `crisis` the tests drive, and the environment of a person at a terminal who uses it.
public enum CrisisBinary {
    /// `CRISIS_BINARY`, else the `crisis` SwiftPM built beside the running test bundle.
    public static let url: URL = {
        if let explicit = ProcessInfo.processInfo.environment["CRISIS_BINARY"] {
            return URL(fileURLWithPath: explicit)
        }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("crisis")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return bundle.deletingLastPathComponent().appendingPathComponent("crisis")
    }()

    /// A clean environment: `home` as HOME, the store in it (or `database`), UTC, UTF-8, an author.
    public static func environment(home: URL, database: String? = nil) -> [String: String] {
        [
            "PATH": "/usr/bin:/bin",
            "HOME": home.path,
            "CRISIS_DB": database ?? home.appendingPathComponent("crisis.db").path,
            "CRISIS_AUTHOR": "ana",
            "TZ": "UTC",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        ]
    }
}
