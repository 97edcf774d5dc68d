import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real headless Chromium, for tests of what a browser makes of a page: scripts run, styles applied,
/// Content-Security-Policy enforced.
///
/// Chromium speaks the DevTools protocol on `--remote-debugging-pipe`; a small Python script (stdlib only,
/// `HeadlessBrowserDriver.python`, run with /usr/bin/python3) holds that pipe and takes one JSON command a
/// line from this class, answering one JSON line each. Every call blocks until its answer (or its timeout).
///
///     let browser = try HeadlessBrowser()
///     try browser.open("http://127.0.0.1:\(port)/status/acme")
///     let seconds = try browser.waitFor("document.querySelectorAll('li.incident').length == 2", timeout: 5)
///     #expect(try browser.navigationCount() == 1)
///
/// The browser runs in a process group of its own, killed on `close()` or when the object goes away.
public final class HeadlessBrowser: @unchecked Sendable {
    // @unchecked: the read buffer, `broken` and `closed` are only touched under `lock` (and `product` only in init).

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public enum ColorScheme: String, Sendable {
        case light, dark
    }

    /// Debian's `chromium`, or the program `CRISIS_CHROMIUM` names (any Chromium or Chrome of the last years).
    public static let chromiumPath = ProcessInfo.processInfo.environment["CRISIS_CHROMIUM"] ?? "/usr/bin/chromium"
    /// Debian's Python, not whatever `python3` a PATH finds first: the script needs nothing but its stdlib.
    public static let pythonPath = "/usr/bin/python3"

    /// True where tests can run a browser: Chromium and Debian's Python installed (CI installs `chromium`).
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: chromiumPath)
            && FileManager.default.isExecutableFile(atPath: pythonPath)
    }

    public let width: Int
    public let height: Int
    /// Chromium's own name for itself, e.g. "Chrome/156.0.8078.108".
    public private(set) var product = "Chromium"
    /// The default timeout of a command, in seconds.
    public let timeout: Double

    /// The driver's pid, and the process group of the driver and Chromium.
    public var processGroup: pid_t { pid }

    private let pid: pid_t
    private let socket: Int32
    private let directory: String
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    /// Why the driver can take no more commands (it ended, or stopped answering and was killed).
    private var broken: String?
    private var closed = false

    /// Starts Chromium with an empty page whose viewport is `width` × `height` CSS pixels.
    public init(width: Int = 1280, height: Int = 800, timeout: Double = 30) throws {
        self.width = width
        self.height = height
        self.timeout = timeout
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("crisis-browser-\(UUID().uuidString)").path
        let script = directory + "/driver.py"
        let profile = directory + "/profile"
        do {
            try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
            try HeadlessBrowserDriver.python.write(toFile: script, atomically: true, encoding: .utf8)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw Failure(description: "cannot write the browser driver into \(directory): \(error)")
        }
        // One socket for both directions: writing to it cannot raise SIGPIPE (MSG_NOSIGNAL) if Python is gone.
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: directory)
            throw Failure(description: "socketpair: \(reason)")
        }
        socket = ends[0]
        do {
            pid = try Self.spawn(
                [Self.pythonPath, "-I", "-u", script, "--chromium", Self.chromiumPath, "--width", String(width),
                 "--height", String(height), "--timeout", String(timeout), "--profile", profile],
                stdio: ends[1], stderr: directory + "/driver-stderr")
        } catch {
            Glibc.close(ends[0])
            Glibc.close(ends[1])
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        Glibc.close(ends[1])
        // Chromium's start (about a second here) before anything else: a loaded CI machine gets a minute.
        let ready: [String: Any]
        do {
            ready = try lock.withLock { try exchange(nil, within: max(timeout, 60)) }
        } catch {
            close()
            throw error
        }
        if let name = ready["product"] as? String { product = name }
    }

    deinit {
        close()
    }

    // MARK: Commands

    /// Navigates and waits for the load event; the seconds it took. Throws when the page cannot load.
    @discardableResult
    public func open(_ url: String, timeout: Double? = nil) throws -> Double {
        let reply = try send(["cmd": "open", "url": url], timeout: timeout)
        return (reply["seconds"] as? NSNumber)?.doubleValue ?? 0
    }

    /// The value of a JavaScript expression (a promise is awaited), as JSON turns it: String, NSNumber
    /// (numbers and booleans), arrays, dictionaries; nil for null and undefined. Throws on an exception.
    public func evaluate(_ js: String, timeout: Double? = nil) throws -> Any? {
        try evaluateTyped(js, timeout: timeout).value
    }

    /// The expression's value, which must be a string.
    public func string(_ js: String) throws -> String {
        let (value, type) = try evaluateTyped(js, timeout: nil)
        guard type == "string", let string = value as? String else { throw mismatch(js, "a string", value, type) }
        return string
    }

    /// The expression's value, which must be a number without a fraction.
    public func int(_ js: String) throws -> Int {
        let (value, type) = try evaluateTyped(js, timeout: nil)
        guard type == "number", let number = value as? NSNumber, let int = Int(exactly: number.doubleValue) else {
            throw mismatch(js, "an integer", value, type)
        }
        return int
    }

    /// The expression's value, which must be a boolean.
    public func bool(_ js: String) throws -> Bool {
        let (value, type) = try evaluateTyped(js, timeout: nil)
        guard type == "boolean", let bool = value as? NSNumber else { throw mismatch(js, "a boolean", value, type) }
        return bool.boolValue
    }

    /// Evaluates the expression every 50 ms until it is truthy; the seconds that took. Throws at the timeout,
    /// with the expression's last value.
    @discardableResult
    public func waitFor(_ js: String, timeout: Double = 5) throws -> Double {
        let reply = try send(["cmd": "wait", "js": js, "timeout": timeout], timeout: timeout)
        return (reply["seconds"] as? NSNumber)?.doubleValue ?? 0
    }

    /// A PNG of the viewport. With a width and height, of a viewport that size (then put back).
    public func screenshot(to path: String, width: Int? = nil, height: Int? = nil, scale: Double = 1) throws {
        var command: [String: Any] = ["cmd": "screenshot", "path": path, "scale": scale]
        if let width, let height {
            command["width"] = width
            command["height"] = height
        }
        try send(command)
    }

    /// `prefers-color-scheme` as the page sees it; nil for the browser's own (light).
    public func emulate(colorScheme: ColorScheme?) throws {
        try emulate(mediaFeatures: ["prefers-color-scheme": colorScheme?.rawValue ?? ""])
    }

    /// Media features as the page sees them, e.g. ["prefers-reduced-motion": "reduce"]; "" for the default.
    /// Replaces every feature emulated before. `type` is a media type: "print", "screen", or nil for none.
    public func emulate(mediaFeatures: [String: String], type: String? = nil) throws {
        let features = mediaFeatures.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] }
        try send(["cmd": "emulate", "media": features, "type": type ?? ""])
    }

    /// The viewport in CSS pixels; `mobile` also turns on the meta viewport (a page without one lays out 980 wide).
    public func setViewport(width: Int, height: Int, mobile: Bool = false) throws {
        try send(["cmd": "viewport", "width": width, "height": height, "mobile": mobile])
    }

    /// Whether the page's scripts run, from the next page opened on (`<noscript>` shows when they do not).
    /// `evaluate` works either way.
    public func setJavaScriptEnabled(_ enabled: Bool) throws {
        try send(["cmd": "javascript", "enabled": enabled])
    }

    /// What the pages logged so far, oldest first: "console.log: …", "exception: …", "dialog.alert: …",
    /// and Chromium's own "log.<source>.<level>: …" lines, among them "log.security.error: … Content Security
    /// Policy …" for each CSP violation. `clear` forgets them afterwards.
    public func consoleMessages(clear: Bool = false) throws -> [String] {
        let reply = try send(["cmd": "console", "clear": clear])
        return reply["messages"] as? [String] ?? []
    }

    /// Main-frame navigations since the browser started: one after the first `open`; a page that changes
    /// without reloading leaves it as it is.
    public func navigationCount() throws -> Int {
        let reply = try send(["cmd": "navigations"])
        return (reply["count"] as? NSNumber)?.intValue ?? 0
    }

    /// Closes Chromium and kills what is left of its process group. Safe to call twice.
    public func close() {
        lock.withLock {
            guard !closed else { return }
            closed = true
            _ = try? write(["cmd": "quit"])
            // The driver closes Chromium and ends; give it a few seconds, reaping nothing yet so that the group
            // (named after its pid) cannot be reused while it is killed.
            let deadline = Date().addingTimeInterval(5)
            while !Self.hasExited(pid) && Date() < deadline {
                usleep(20_000)
            }
            Glibc.kill(-pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            Glibc.close(socket)
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    // MARK: The driver

    private func evaluateTyped(_ js: String, timeout: Double?) throws -> (value: Any?, type: String) {
        var command: [String: Any] = ["cmd": "eval", "js": js]
        if let timeout { command["timeout"] = timeout }
        let reply = try send(command, timeout: timeout)
        let value = reply["value"]
        return (value is NSNull ? nil : value, reply["type"] as? String ?? "undefined")
    }

    private func mismatch(_ js: String, _ expected: String, _ value: Any?, _ type: String) -> Failure {
        Failure(description: "`\(js)` gave \(type) \(value.map { "\($0)" } ?? "null"), not \(expected)")
    }

    /// Sends a command and waits for its answer, which must be ok. The driver keeps its own timeouts; this
    /// one, longer, is for a driver that stopped answering at all.
    @discardableResult
    private func send(_ command: [String: Any], timeout: Double? = nil) throws -> [String: Any] {
        try lock.withLock {
            guard !closed else { throw Failure(description: "the browser is closed") }
            if let broken { throw Failure(description: "the browser is unusable: \(broken)") }
            var command = command
            if command["timeout"] == nil, let timeout { command["timeout"] = timeout }
            return try exchange(command, within: (timeout ?? self.timeout) + 30)
        }
    }

    /// Under `lock`: writes `command` (if any), reads one answer line.
    private func exchange(_ command: [String: Any]?, within seconds: Double) throws -> [String: Any] {
        let name = command?["cmd"] as? String ?? "start"
        if let command { try write(command) }
        let line = try readLine(within: seconds, name: name)
        guard let reply = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
            throw Failure(description: "browser \(name): unreadable answer \(String(decoding: line, as: UTF8.self))")
        }
        guard reply["ok"] as? Bool == true else {
            throw Failure(description: "browser \(name): \(reply["error"] as? String ?? "failed")")
        }
        return reply
    }

    private func write(_ command: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: command)
        data.append(UInt8(ascii: "\n"))
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let sent = Glibc.send(socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    throw driverGone("cannot send \(command["cmd"] ?? "?"): \(String(cString: strerror(errno)))")
                }
                offset += sent
            }
        }
    }

    private func readLine(within seconds: Double, name: String) throws -> [UInt8] {
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                // A driver that stopped answering is of no more use: close it rather than read a late answer.
                broken = "no answer to \(name) in \(Int(seconds)) s; killed"
                Glibc.kill(-pid, SIGKILL)
                throw driverGone(broken!)
            }
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0 && errno != EINTR {
                throw driverGone("poll: \(String(cString: strerror(errno)))")
            }
            guard ready > 0 else { continue }
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw driverGone("recv: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                broken = "the driver ended before answering \(name)"
                throw driverGone(broken!)
            }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    private func driverGone(_ reason: String) -> Failure {
        let stderr = (try? String(contentsOfFile: directory + "/driver-stderr", encoding: .utf8)) ?? ""
        let tail = stderr.split(separator: "\n").suffix(20).joined(separator: "\n")
        return Failure(description: "browser: \(reason)" + (tail.isEmpty ? "" : "; driver stderr:\n\(tail)"))
    }

    // MARK: Processes

    /// Starts the driver in a new process group, `stdio` as its standard input and output.
    private static func spawn(_ arguments: [String], stdio: Int32, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdio, 0)
        posix_spawn_file_actions_adddup2(&actions, stdio, 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // No signal blocked, default handlers (see BackgroundProcess), and a group of its own for Chromium.
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
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        return pid
    }

    /// True once the process has ended, without reaping it.
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return true }
        return info._sifields._kill.si_pid == pid
    }
}
