import Foundation
import IncidentModel
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One child process (a hook, sendmail), started with posix_spawn rather than Foundation's Process: in a
/// process group of its own (so a time limit stops whatever it started too), with default signal handling
/// and nothing blocked (`crisis watch` ignores SIGTERM, SIGINT and SIGHUP to receive them as events, and a
/// child would inherit that), and its three standard streams on pipes.
public final class SpawnedProcess: Sendable {
    public enum Status: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
    }

    /// posix_spawn refused to start the program; `code` is its errno (ENOENT, EACCES, ENOEXEC…), so a
    /// caller can tell a missing program from one it may not run.
    public struct StartFailure: Error, CustomStringConvertible {
        public let code: Int32
        public let description: String
    }

    public let pid: pid_t
    public let standardOutput: FileHandle
    public let standardError: FileHandle
    private let standardInput: Int32
    private let ended = DispatchSemaphore(value: 0)
    private let status = Mutex<Status?>(nil)

    /// Starts the program at `path` (no search of PATH: the caller decides what runs) with `arguments`
    /// after its name and exactly `environment`.
    public init(path: String, arguments: [String] = [], environment: [String: String]) throws {
        // A child that exits without reading its input closes the pipe: writing then fails, harmlessly,
        // instead of ending this process.
        signal(SIGPIPE, SIG_IGN)
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0, pipe(&errors) == 0 else {
            let code = errno
            throw StartFailure(code: code, description: "cannot make pipes: \(String(cString: strerror(code)))")
        }
        // None of them may leak into another process this one starts meanwhile (the next hook, an editor).
        for descriptor in input + output + errors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        InheritedDescriptors.closeOnExec()
        var spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        // ETXTBSY: the program's file is open for writing somewhere, which on Linux is often only for an
        // instant (a hook or script being replaced, or its descriptor inherited by a process another thread
        // was starting just then). A few short tries, not a failure on the first.
        for _ in 0..<10 where spawned == ETXTBSY {
            usleep(20_000)
            spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        }
        // The child's ends belong to the child now.
        close(input[0])
        close(output[1])
        close(errors[1])
        guard spawned == 0 else {
            close(input[1])
            close(output[0])
            close(errors[0])
            throw StartFailure(code: spawned, description: String(cString: strerror(spawned)))
        }
        self.pid = pid
        standardInput = input[1]
        standardOutput = FileHandle(fileDescriptor: output[0], closeOnDealloc: true)
        standardError = FileHandle(fileDescriptor: errors[0], closeOnDealloc: true)
        // waitpid on a thread of its own, so waiting can have a time limit.
        let child = pid
        Thread { [self] in
            var raw: Int32 = 0
            while waitpid(child, &raw, 0) < 0 && errno == EINTR {}
            let signalNumber = raw & 0x7f
            status.withLock { $0 = signalNumber == 0 ? .exited((raw >> 8) & 0xff) : .signaled(signalNumber) }
            ended.signal()
        }.start()
    }

    /// Writes `input` to the child's standard input and closes it, on a thread of its own: a child that does
    /// not read blocks only that thread, until it exits.
    public func feed(_ input: Data) {
        let descriptor = standardInput
        Thread {
            input.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(descriptor)
        }.start()
    }

    /// How the child ended, or nil if it has not within `timeout` seconds.
    public func wait(timeout: TimeInterval) -> Status? {
        if timeout.isInfinite {
            ended.wait()
        } else if ended.wait(timeout: .now() + timeout) == .timedOut {
            return nil
        }
        ended.signal() // Leave it signalled for whoever asks next.
        return status.withLock { $0 }
    }

    /// Sends `number` to the child's whole process group, while the child has not been waited for (its
    /// number cannot have been reused before then).
    public func signalGroup(_ number: Int32) {
        guard status.withLock({ $0 == nil }) else { return }
        kill(-pid, number)
    }
}

extension SpawnedProcess {
    /// How a run that `complete` saw through ended: its status (nil once stopped for its time), whether it was
    /// stopped, and the start of its error output.
    public struct Completion: Sendable {
        public let status: Status?
        public let timedOut: Bool
        public let errorOutput: Data
    }

    /// Feeds `input`, drains both output streams while it runs (at most `cap` bytes of each kept, so the
    /// child never blocks on a full pipe), and waits up to `timeout` seconds; past that, its whole process
    /// group (whatever it started too) is asked to stop, then made to. Hooks and sendmail both end this way.
    public func complete(feeding input: Data, within timeout: TimeInterval, keeping cap: Int) -> Completion {
        let errors = CappedReader(standardError, cap: cap)
        let output = CappedReader(standardOutput, cap: cap)
        feed(input)
        var status = wait(timeout: timeout)
        let timedOut = status == nil
        if timedOut {
            signalGroup(SIGTERM)
            status = wait(timeout: 1)
            if status == nil {
                signalGroup(SIGKILL)
                status = wait(timeout: .infinity)
            }
        }
        let errorOutput = errors.finish()
        _ = output.finish()
        return Completion(status: timedOut ? nil : status, timedOut: timedOut, errorOutput: errorOutput)
    }

    /// Reads a child's output stream to its end on a thread of its own, keeping at most `cap` bytes: a child
    /// that prints megabytes neither blocks on a full pipe nor fills memory.
    public final class CappedReader: Sendable {
        private let kept = Mutex(Data())
        private let done = DispatchSemaphore(value: 0)

        public init(_ handle: FileHandle, cap: Int) {
            Thread { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    kept.withLock { kept in
                        if kept.count < cap { kept.append(chunk.prefix(cap - kept.count)) }
                    }
                }
                done.signal()
            }.start()
        }

        /// What was read, once the stream ended (the child and anything it left running closed it), waiting
        /// at most a second after the child ended, so a background grandchild holding the pipe cannot hold us.
        public func finish() -> Data {
            _ = done.wait(timeout: .now() + 1)
            return kept.withLock { $0 }
        }
    }
}
