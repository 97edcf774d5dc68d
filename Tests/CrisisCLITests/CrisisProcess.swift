import CrisisTestSupport
import Foundation
import Testing

/// Runs the real `crisis` binary the way a person would from a shell, with its own environment.
struct CrisisProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

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
    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        // Files rather than pipes: nothing can block on a full pipe, whatever the process prints.
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("crisis-out-\(UUID().uuidString)")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("crisis-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
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
