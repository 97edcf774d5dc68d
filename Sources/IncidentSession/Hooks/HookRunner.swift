import CustomerDelivery
import Foundation
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// Runs hooks the way git does: an executable named after the event in `$XDG_CONFIG_HOME/crisis/hooks/`
/// (else `~/.config/crisis/hooks/`), given JSON on its standard input and its contact in the environment,
/// with a time limit. Its output is read, capped and thrown away (a hook that prints megabytes neither
/// blocks nor fills memory); only the first line of its error output is kept, and only when it fails.
public struct HookRunner: Sendable {
    public let directory: URL
    public let timeLimit: TimeInterval

    /// What is kept of each output stream; the rest is read and dropped.
    static let outputCap = 64 * 1024

    public init(directory: URL, timeLimit: TimeInterval = 10) {
        self.directory = directory
        self.timeLimit = timeLimit
    }

    /// The hooks directory and limit this environment names: `CRISIS_HOOKS_DIR` (for tests and unusual
    /// setups), else `$XDG_CONFIG_HOME/crisis/hooks`, else `~/.config/crisis/hooks`; `CRISIS_HOOK_TIMEOUT`
    /// in seconds (default 10).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HookRunner {
        let directory: URL
        if let explicit = environment["CRISIS_HOOKS_DIR"], !explicit.isEmpty {
            directory = URL(fileURLWithPath: explicit)
        } else if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            directory = URL(fileURLWithPath: config).appendingPathComponent("crisis/hooks")
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            directory = URL(fileURLWithPath: home).appendingPathComponent(".config/crisis/hooks")
        }
        var limit: TimeInterval = 10
        if let raw = environment["CRISIS_HOOK_TIMEOUT"] {
            guard let seconds = TimeInterval(raw), seconds > 0, seconds <= 600 else {
                throw HookError("CRISIS_HOOK_TIMEOUT '\(raw)' is not understood: use a number of seconds from 0.1 to 600")
            }
            limit = seconds
        }
        return HookRunner(directory: directory, timeLimit: limit)
    }

    /// Whether a hook of this name is there to run (a file that is executable); a file that is not
    /// executable is there, and its run fails with a clear status.
    public func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
    }

    /// Runs hook `name` with `input` on its standard input and `environment` added to this process's
    /// own; blocks until it ends or its time runs out.
    public func run(_ name: String, input: Data, environment: [String: String]) -> HookOutcome {
        let path = directory.appendingPathComponent(name).path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        guard !isDirectory.boolValue, access(path, X_OK) == 0 else {
            return .failed(status: "not executable", detail: "\(path) is not an executable file: chmod +x it")
        }
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = TerminalSafeText.sanitize(value, lines: .fold) }
        let child: SpawnedProcess
        do {
            child = try SpawnedProcess(path: path, environment: merged)
        } catch {
            return .failed(status: "could not start", detail: TerminalSafeText.sanitize("\(error)", lines: .fold))
        }
        // Past its limit, the hook and everything it started (its process group) are stopped.
        let run = child.complete(feeding: input, within: timeLimit, keeping: Self.outputCap)
        let errorOutput = run.errorOutput
        let how: String
        switch run.status {
        case nil: how = "killed after \(DurationText.format(timeLimit))"
        case .exited(0)?: return .succeeded
        case .exited(let code)?: how = "exit \(code)"
        case .signaled(let number)?: how = "killed by signal \(number)"
        }
        let firstLine = String(decoding: errorOutput, as: UTF8.self)
            .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let detail = TextWrapping.clip(TerminalSafeText.sanitize(firstLine, lines: .fold), to: 200)
        return .failed(status: how, detail: detail)
    }
}

/// A hook's configuration cannot be used.
public struct HookError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Cutting text to a length people can read in one line.
enum TextWrapping {
    static func clip(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
