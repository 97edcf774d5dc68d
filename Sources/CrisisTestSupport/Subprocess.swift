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
        let process = try BackgroundProcess(executable, arguments, environment: environment)
        let status = process.wait()
        return Result(status: status, stdout: process.stdout, stderr: process.stderr)
    }
}
