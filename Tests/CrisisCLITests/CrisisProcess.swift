import CrisisTestSupport
import Foundation
import Testing

/// Runs the real `crisis` binary the way a person would from a shell, with its own environment.
struct CrisisProcess {
    static var binary: URL { CrisisBinary.url }

    var environment: [String: String]

    /// A fresh temporary directory as HOME, with `CRISIS_DB` pointing at a file inside it, or at `database`.
    init(directory: URL, database: String? = nil) {
        environment = CrisisBinary.environment(home: directory, database: database)
    }

    @discardableResult
    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Subprocess.Result {
        try Subprocess.run(Self.binary.path, arguments, environment: environment.merging(extraEnvironment) { $1 })
    }

    /// Runs with "now" fixed at `time` (`09:30`) on 2026-11-23 UTC: hours of a scripted incident in seconds.
    func run(at time: String, _ arguments: [String]) throws -> Subprocess.Result {
        try run(arguments, extraEnvironment: ["CRISIS_NOW": "2026-11-23T\(time):00Z"])
    }

    /// Runs at `time` and expects success.
    @discardableResult
    func ok(at time: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Subprocess.Result {
        let result = try run(at: time, arguments)
        #expect(result.status == 0, "at \(time) crisis \(arguments.joined(separator: " ")): \(result.stderr)",
                sourceLocation: sourceLocation)
        return result
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
