import Foundation
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// Hands a message to the host's mail system as `git send-email` and mutt do: the whole message on the
/// standard input of `sendmail -t -i -f FROM`. `-t` takes the recipients from the To header, `-i` keeps a
/// line with a lone dot from ending the message, `-f` sets the envelope sender (where bounces go). Every MTA
/// (postfix, exim, msmtp) offers this, and queues and retries from there.
///
///     let sendmail = Sendmail(settings: try MailSettings.fromEnvironment())
///     let outcome = sendmail.send(message)      // .accepted(elapsed: 40 ms), or why not
///     if !outcome.isAccepted && outcome.isTemporary { … try later … }
public struct Sendmail: Sendable {
    /// The program and its own arguments (`msmtp -C /etc/msmtprc`).
    public let command: [String]
    public let timeout: TimeInterval
    /// The environment sendmail runs with (msmtp reads HOME for its configuration).
    public let environment: [String: String]

    /// What is kept of sendmail's error output, to say why it failed.
    static let errorCap = 4 * 1024
    /// What is shown of it in the outcome's one line.
    static let detailLength = 300

    public init(command: [String], timeout: TimeInterval = 30,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        precondition(!command.isEmpty, "a sendmail command names a program")
        self.command = command
        self.timeout = timeout
        self.environment = environment
    }

    public init(settings: MailSettings, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(command: settings.sendmailCommand, timeout: settings.timeout, environment: environment)
    }

    /// Whether the program is there to run: a process without it leaves mail to one that has it.
    public var canRun: Bool {
        if case .found = resolve(command[0]) { return true }
        return false
    }

    /// Sends `message` from its own From address; blocks until sendmail ends or its time runs out.
    public func send(_ message: MailMessage) -> SendmailOutcome {
        send(message.data, envelopeFrom: message.from)
    }

    /// Sends a whole RFC 5322 message, LF line endings, with `envelopeFrom` as the envelope sender.
    public func send(_ message: Data, envelopeFrom: MailAddress) -> SendmailOutcome {
        let started = ContinuousClock.now
        let program: String
        switch resolve(command[0]) {
        case .found(let path): program = path
        case .missing: return .missing(program: TerminalSafeText.sanitize(command[0]))
        case .notExecutable(let path): return .notExecutable(program: TerminalSafeText.sanitize(path))
        }
        let child: SpawnedProcess
        do {
            child = try SpawnedProcess(path: program,
                                       arguments: Array(command.dropFirst()) + ["-t", "-i", "-f", envelopeFrom.address],
                                       environment: environment)
        } catch let failure as SpawnedProcess.StartFailure {
            switch failure.code {
            case ENOENT: return .missing(program: TerminalSafeText.sanitize(program))
            case EACCES, ENOEXEC: return .notExecutable(program: TerminalSafeText.sanitize(program))
            default: return .couldNotStart(detail: TerminalSafeText.sanitize(failure.description))
            }
        } catch {
            return .couldNotStart(detail: TerminalSafeText.sanitize("\(error)"))
        }
        // Its error output says why it failed; an MTA that hangs is stopped with the helpers it started.
        let run = child.complete(feeding: message, within: timeout, keeping: Self.errorCap)
        let elapsed = ContinuousClock.now - started
        let detail = Self.oneLine(run.errorOutput)
        if run.timedOut { return .timedOut(after: timeout, detail: detail) }
        switch run.status {
        case .exited(0)?: return .accepted(elapsed: elapsed)
        case .exited(75)?: return .temporaryFailure(detail: detail)
        case .exited(let code)?: return .permanentFailure(code: code, detail: detail)
        case .signaled(let number)?: return .killed(signal: number, detail: detail)
        case nil: return .timedOut(after: timeout, detail: detail)
        }
    }

    // MARK: -

    private enum Resolution {
        case found(String), missing, notExecutable(String)
    }

    /// The program a name means: a path as it is, a bare name looked up in this environment's PATH, as a
    /// shell would, so `msmtp` works in CRISIS_SENDMAIL. Looked up here rather than left to posix_spawnp,
    /// to tell a program that is missing from one that is there but cannot be run.
    private func resolve(_ name: String) -> Resolution {
        let candidates: [String]
        if name.contains("/") {
            candidates = [name]
        } else {
            let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
            candidates = path.split(separator: ":").map { "\($0)/\(name)" }
        }
        var unrunnable: String?
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue && access(candidate, X_OK) == 0 { return .found(candidate) }
            unrunnable = unrunnable ?? candidate
        }
        return unrunnable.map { .notExecutable($0) } ?? .missing
    }

    /// sendmail's error output as one line a terminal or a log can take: its lines joined, controls shown,
    /// cut to a readable length.
    static func oneLine(_ data: Data) -> String {
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let text = TerminalSafeText.sanitize(lines.joined(separator: " "), lines: .fold)
        return text.count <= detailLength ? text : String(text.prefix(detailLength - 1)) + "…"
    }
}
