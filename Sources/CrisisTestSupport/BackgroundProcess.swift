import CustomerDelivery
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program started and left running: to kill at a chosen moment, or to wait for later.
///
/// Like `Subprocess`, standard input is /dev/null and the output goes to files, so a daemon it starts never
/// holds a pipe the test waits on.
public final class BackgroundProcess: @unchecked Sendable {
    // @unchecked: `status` is only touched under `lock`.
    public let pid: pid_t
    private let out: String
    private let err: String
    private let lock = NSLock()
    private var status: Int32?

    public init(_ executable: String, _ arguments: [String],
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        out = FileManager.default.temporaryDirectory.appendingPathComponent("crisis-bg-out-\(UUID().uuidString)").path
        err = FileManager.default.temporaryDirectory.appendingPathComponent("crisis-bg-err-\(UUID().uuidString)").path
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
        // Nothing of the test process but the three streams: a tmux server started here would otherwise keep a
        // test's PostgreSQL connection open after the test closed it.
        InheritedDescriptors.closeOnExec()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            unlink(out)
            unlink(err)
            throw Subprocess.Failure(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
    }

    deinit {
        if lock.withLock({ status == nil }) {
            Glibc.kill(pid, SIGKILL)
            _ = wait()
        }
        unlink(out)
        unlink(err)
    }

    /// Sends `signal` (SIGKILL by default) unless the process has already been waited for.
    public func kill(_ signal: Int32 = SIGKILL) {
        if lock.withLock({ status == nil }) { Glibc.kill(pid, signal) }
    }

    /// True while the process has not exited; reaps it when it has.
    public var isRunning: Bool {
        lock.withLock {
            guard status == nil else { return false }
            var raw: Int32 = 0
            let reaped = waitpid(pid, &raw, WNOHANG)
            guard reaped == pid else { return reaped == 0 }
            status = Self.decode(raw)
            return false
        }
    }

    /// Waits for the end; the exit status, or 128 + the signal that ended it.
    @discardableResult
    public func wait() -> Int32 {
        lock.withLock {
            if let status { return status }
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 {
                guard errno == EINTR else { status = -1; return -1 }
            }
            let decoded = Self.decode(raw)
            status = decoded
            return decoded
        }
    }

    public var stdout: String { (try? String(contentsOfFile: out, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOfFile: err, encoding: .utf8)) ?? "" }

    private static func decode(_ raw: Int32) -> Int32 {
        raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
    }
}
