import IncidentModel
import Foundation

/// What became of one hand-off to sendmail. The caller decides about retries; `isTemporary` says whether
/// one can help.
public enum SendmailOutcome: Equatable, Sendable, CustomStringConvertible {
    /// Exit 0: the MTA has the message and does its own queueing and retrying from here.
    case accepted(elapsed: Duration)
    /// Exit 75 (EX_TEMPFAIL): the MTA asks to be tried later.
    case temporaryFailure(detail: String)
    /// Any other non-zero exit: retrying the same message will not help.
    case permanentFailure(code: Int32, detail: String)
    /// No program at the configured path.
    case missing(program: String)
    /// A file is there, but it cannot be run (no +x, a directory, not a program).
    case notExecutable(program: String)
    /// The program could not be started for another reason (too many processes, no memory).
    case couldNotStart(detail: String)
    /// It did not finish within the time limit and was stopped with its whole process group.
    case timedOut(after: TimeInterval, detail: String)
    /// Something else ended it with a signal.
    case killed(signal: Int32, detail: String)

    /// Whether trying again later can succeed: the MTA asked for it, or sendmail was stopped or failed to
    /// start for reasons of the moment. A missing program, a bad address or a configuration error stay.
    ///
    /// A message that timed out or was killed may have been accepted just before: a retry can deliver it
    /// twice, which the deterministic Message-ID lets mail clients fold into one.
    public var isTemporary: Bool {
        switch self {
        case .temporaryFailure, .timedOut, .killed, .couldNotStart: true
        case .accepted, .permanentFailure, .missing, .notExecutable: false
        }
    }

    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }

    /// One line for a person: `handed to sendmail in 40 ms`, `sendmail exited 67 (unknown user): msmtp: …`.
    public var description: String {
        switch self {
        case .accepted(let elapsed):
            return "handed to sendmail in \(ElapsedText.of(elapsed))"
        case .temporaryFailure(let detail):
            return "sendmail exited 75 (temporary failure, try later)" + Self.colon(detail)
        case .permanentFailure(let code, let detail):
            let name = Self.sysexitsNames[code].map { " (\($0))" } ?? ""
            return "sendmail exited \(code)\(name)" + Self.colon(detail)
        case .missing(let program):
            return "sendmail not found: no program \(program); install an MTA (msmtp-mta, postfix) or set CRISIS_SENDMAIL"
        case .notExecutable(let program):
            return "sendmail cannot be run: \(program) is not an executable program; chmod +x it or set CRISIS_SENDMAIL"
        case .couldNotStart(let detail):
            return "sendmail could not be started: \(detail)"
        case .timedOut(let after, let detail):
            return "sendmail did not finish within \(ElapsedText.of(.milliseconds(Int64(after * 1000)))) and was stopped"
                + Self.colon(detail)
        case .killed(let signal, let detail):
            return "sendmail was killed by signal \(signal)\(Self.signalNames[signal].map { " (\($0))" } ?? "")"
                + Self.colon(detail)
        }
    }

    /// The sysexits.h codes MTAs use, as their header names them.
    static let sysexitsNames: [Int32: String] = [
        64: "usage error", 65: "data format error", 66: "cannot open input", 67: "unknown user",
        68: "unknown host", 69: "service unavailable", 70: "internal software error", 71: "system error",
        72: "critical OS file missing", 73: "cannot create output file", 74: "input/output error",
        75: "temporary failure, try later", 76: "remote error in protocol", 77: "permission denied",
        78: "configuration error",
    ]

    static let signalNames: [Int32: String] = [
        1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 6: "SIGABRT", 9: "SIGKILL", 11: "SIGSEGV", 13: "SIGPIPE", 15: "SIGTERM",
    ]

    private static func colon(_ detail: String) -> String { detail.isEmpty ? "" : ": " + detail }

}
