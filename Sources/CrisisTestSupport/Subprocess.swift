import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to the end, standard input from /dev/null and output into files, and waits with waitpid.
///
/// Not Foundation's Process: a daemon the program starts (a tmux server, a PostgreSQL postmaster) inherits
/// the descriptors Process watches, and Process would then wait for the daemon to end too.
public enum Subprocess {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String

        public var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func run(_ executable: String, _ arguments: [String],
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Result {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("crisis-out-\(UUID().uuidString)").path
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("crisis-err-\(UUID().uuidString)").path
        defer {
            unlink(out)
            unlink(err)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The program starts with no signal blocked and default handlers. A Swift concurrency thread blocks
        // most signals, and posix_spawn hands its mask on: a tmux server started from one ignored its own
        // SIGTERM, so kill-server never ended it (nor the dashboard in it).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "waiting for \(executable) failed") }
        }
        let exited = status & 0x7F == 0
        return Result(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
                      stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
