import CrisisTestSupport
@testable import CustomerDelivery
import Foundation
import IncidentModel
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14, every way a hand-off to sendmail goes wrong, each told apart in one clear line, with the
/// right answer to "try again later?". The sendmails here are small shell scripts.
@Suite struct MailSendmailFaultTests {
    let directory: TemporaryDirectory
    let message = MailFixture.message(MailFixture.briefing())

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// A sendmail that runs `body` under /bin/sh.
    /// Written through a close-on-exec descriptor: a process another test starts meanwhile must not inherit
    /// it open for writing, or running the script fails with ETXTBSY ("Text file busy") for as long as that
    /// process lives.
    private func script(_ name: String, _ body: String, executable: Bool = true) throws -> String {
        let path = directory.path(name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, executable ? 0o755 : 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        chmod(path, executable ? 0o755 : 0o644)
        return path
    }

    private func send(_ command: [String], timeout: TimeInterval = 10) -> SendmailOutcome {
        Sendmail(command: command, timeout: timeout).send(message)
    }

    @Test func theMessageGoesOnStandardInputWithDashTDashIAndTheEnvelopeSender() throws {
        let arguments = directory.path("arguments"), input = directory.path("input")
        let sendmail = try script("sendmail", "printf '%s\\n' \"$@\" > \(arguments); cat > \(input)")
        let outcome = send([sendmail, "-C", "/etc/some rc"])
        #expect(outcome.isAccepted)
        #expect(outcome.description.hasPrefix("handed to sendmail in "))
        #expect(outcome.description.range(of: #" in \d+(\.\d)? (ms|s)$"#, options: .regularExpression) != nil)
        #expect(try String(contentsOfFile: arguments, encoding: .utf8)
            == "-C\n/etc/some rc\n-t\n-i\n-f\nstatus@acme.example\n")
        #expect(FileManager.default.contents(atPath: input) == message.data)
    }

    /// A program still open for writing for an instant (being replaced, or its descriptor inherited by a
    /// process starting elsewhere) is tried again rather than reported as "Text file busy".
    @Test func aProgramBusyForAnInstantIsRunOnceItIsFree() throws {
        let input = directory.path("input")
        let path = try script("sendmail", "cat > \(input)")
        let writer = open(path, O_WRONLY | O_CLOEXEC)
        try #require(writer >= 0)
        let closing = Thread { usleep(60_000); close(writer) }
        closing.start()
        let outcome = send([path])
        #expect(outcome.isAccepted, "\(outcome)")
        #expect(FileManager.default.contents(atPath: input) == message.data)
    }

    @Test func aMissingProgramIsNamed() {
        let outcome = send(["/nonexistent/sbin/sendmail"])
        #expect(outcome == .missing(program: "/nonexistent/sbin/sendmail"))
        #expect(!outcome.isTemporary)
        #expect(outcome.description.contains("/nonexistent/sbin/sendmail"))
        #expect(outcome.description.contains("CRISIS_SENDMAIL"))
        let bare = Sendmail(command: ["no-such-sendmail-anywhere"], environment: ["PATH": "/usr/bin:/bin"]).send(message)
        #expect(bare == .missing(program: "no-such-sendmail-anywhere"))
    }

    @Test func aFileThatCannotBeRunIsToldApartFromAMissingOne() throws {
        let path = try script("sendmail", "exit 0", executable: false)
        let outcome = send([path])
        #expect(outcome == .notExecutable(program: path))
        #expect(!outcome.isTemporary)
        #expect(outcome.description == "sendmail cannot be run: \(path) is not an executable program; "
            + "chmod +x it or set CRISIS_SENDMAIL")
        #expect(send([directory.url.path]) == .notExecutable(program: directory.url.path), "a directory")
    }

    @Test func exit75IsATemporaryFailure() throws {
        let path = try script("sendmail", "cat > /dev/null; echo 'msmtp: cannot connect to mail.example: timed out' >&2; exit 75")
        let outcome = send([path])
        #expect(outcome == .temporaryFailure(detail: "msmtp: cannot connect to mail.example: timed out"))
        #expect(outcome.isTemporary)
        #expect(outcome.description
            == "sendmail exited 75 (temporary failure, try later): msmtp: cannot connect to mail.example: timed out")
    }

    @Test func exit67IsPermanentAndNamesTheSysexitsCode() throws {
        let path = try script("sendmail", """
            cat > /dev/null
            echo 'msmtp: recipient address jane@x not accepted by the server' >&2
            echo 'msmtp: server message: 550 no such user' >&2
            exit 67
            """)
        let outcome = send([path])
        #expect(!outcome.isTemporary)
        #expect(outcome.description == "sendmail exited 67 (unknown user): msmtp: recipient address jane@x not "
            + "accepted by the server msmtp: server message: 550 no such user")
        let misconfigured = try script("s78", "exit 78")
        #expect(send([misconfigured]).description == "sendmail exited 78 (configuration error)")
    }

    @Test func errorOutputIsCappedAndMadeSafeForATerminal() throws {
        let path = try script("sendmail", """
            printf 'bad \\033]0;pwned\\007 \\033[2J news\\n' >&2
            head -c 100000 /dev/zero | tr '\\0' 'x' >&2
            exit 1
            """)
        let outcome = send([path])
        guard case .permanentFailure(1, let detail) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(detail.hasPrefix("bad ␛]0;pwned␇ ␛[2J news x"))
        #expect(detail.count <= Sendmail.detailLength)
        #expect(TerminalSafeText.isSafe(outcome.description) && !outcome.description.contains("\n"))
    }

    @Test func aHangingSendmailIsStoppedWithWhatItStarted() throws {
        let child = directory.path("child")
        let path = try script("sendmail", "sleep 60 & echo $! > \(child); wait")
        let started = ContinuousClock.now
        let outcome = send([path], timeout: 1)
        #expect(ContinuousClock.now - started < .seconds(30), "stopped after its 1 s, not after the 60 s sleep")
        #expect(outcome == .timedOut(after: 1, detail: ""))
        #expect(outcome.isTemporary)
        #expect(outcome.description == "sendmail did not finish within 1 s and was stopped")
        // The sleep it started was in its process group, and was stopped too.
        let pid = try #require(Int32(String(contentsOfFile: child, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        // Gone, or a zombie waiting for init to reap it: either way no longer running.
        func running() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let state = stat.split(separator: ")").last?.split(separator: " ").first else { return false }
            return state != "Z" && state != "X"
        }
        let deadline = ContinuousClock.now + .seconds(20)
        while running() && ContinuousClock.now < deadline { usleep(20_000) }
        #expect(!running(), "the sleep sendmail started is gone")
    }

    @Test func aSendmailKilledByASignalSaysWhich() throws {
        let path = try script("sendmail", "cat > /dev/null; kill -KILL $$")
        let outcome = send([path])
        #expect(outcome == .killed(signal: SIGKILL, detail: ""))
        #expect(outcome.isTemporary)
        #expect(outcome.description == "sendmail was killed by signal 9 (SIGKILL)")
    }
}
