import CrisisTestSupport
import Foundation
import Testing

/// Runs the real `crisis` binary the way a person would from a shell, with its own environment.
struct CrisisProcess {
    /// The binary SwiftPM built beside this test bundle, or `CRISIS_BINARY`.
    static let binary: URL = {
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

    var environment: [String: String]

    /// A fresh temporary directory as HOME, with `CRISIS_DB` pointing at a file inside it, or at `database`.
    init(directory: URL, database: String? = nil) {
        environment = [
            "PATH": "/usr/bin:/bin",
            "HOME": directory.path,
            "CRISIS_DB": database ?? directory.appendingPathComponent("crisis.db").path,
            "CRISIS_AUTHOR": "ana",
            "TZ": "UTC",
            "LANG": "C.UTF-8",
        ]
    }

    @discardableResult
    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Subprocess.Result {
        try Subprocess.run(Self.binary.path, arguments, environment: environment.merging(extraEnvironment) { $1 })
    }

    /// Runs and expects success, returning stdout without the trailing newline.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "crisis \(arguments.joined(separator: " ")) failed: \(result.stderr)",
                sourceLocation: sourceLocation)
        return result.stdout.trimmingCharacters(in: .newlines)
    }
}
