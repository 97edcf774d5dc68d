import CrisisTestSupport
import Foundation
import Testing

/// Issue 13: a hook that fails, hangs, is not executable or prints megabytes is recorded in one clear
/// event; the reminder itself is recorded once either way, and nothing a hook writes reaches a terminal raw.
@Suite struct HookFailureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let script: String
        let executable: Bool
        /// What the log's line about the hook says; nil when the hook succeeds and nothing is recorded.
        let expected: String?
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "exits non-zero", script: "#!/bin/sh\necho 'pager is down' >&2\necho 'second line' >&2\nexit 3\n",
             executable: true, expected: "hook update-due failed (exit 3): pager is down"),
        Case(name: "hangs past its limit", script: "#!/bin/sh\nexec sleep 30\n",
             executable: true, expected: "hook update-due failed (killed after 1s)"),
        Case(name: "is not executable", script: "#!/bin/sh\nexit 0\n",
             executable: false, expected: "hook update-due failed (not executable)"),
        Case(name: "prints megabytes", script: "#!/bin/sh\nhead -c 5000000 /dev/zero | tr '\\\\0' x\nhead -c 3000000 /dev/zero >&2\nexit 0\n",
             executable: true, expected: nil),
        Case(name: "writes escape sequences", script: "#!/bin/sh\nprintf '\\033]0;owned\\007\\033[31mred\\n' >&2\nexit 1\n",
             executable: true, expected: "hook update-due failed (exit 1): "),
    ]

    @Test(arguments: cases)
    func aHookThatMisbehavesIsRecordedOnce(_ hookCase: Case) throws {
        let directory = try TemporaryDirectory()
        var crisis = CrisisProcess(directory: directory.url)
        let hooks = try ReminderRaceTests.installHook("update-due", in: directory, body: hookCase.script)
        if !hookCase.executable { chmod(hooks.appendingPathComponent("update-due").path, 0o644) }
        crisis.environment["CRISIS_HOOKS_DIR"] = hooks.path
        crisis.environment["CRISIS_HOOK_TIMEOUT"] = "1"
        try crisis.ok(["open", "Checkout fails", "--severity", "2", "--owner", "Dana Ops", "--phone", "+1 555 0100"])

        let watch = try crisis.run(["watch", "--once"], extraEnvironment: ["CRISIS_NOW": ReminderRaceTests.later(31)])
        #expect(watch.status == 0, "\(watch.stderr)")
        let log = try crisis.ok(["log"])
        let lines = log.split(separator: "\n")
        #expect(lines.filter { $0.contains("reminded Dana Ops") }.count == 1, "\(log)")
        let failures = lines.filter { $0.contains("hook update-due failed") }
        if let expected = hookCase.expected {
            #expect(failures.count == 1, "\(log)")
            #expect(failures.first?.contains(expected) == true, "\(failures)")
        } else {
            #expect(failures.isEmpty, "\(log)")
        }
        #expect(!log.contains("\u{1B}"), "a hook's output reached the terminal raw")
        #expect(!watch.stderr.contains("\u{1B}"))
    }

    /// A hook past its limit is stopped with everything it started: its process group, not only its shell.
    @Test func aHookPastItsLimitTakesItsChildrenWithIt() throws {
        let directory = try TemporaryDirectory()
        var crisis = CrisisProcess(directory: directory.url)
        let pids = directory.url.appendingPathComponent("pids.txt")
        let hooks = try ReminderRaceTests.installHook("update-due", in: directory, body: """
            #!/bin/sh
            sleep 60 &
            echo $! > '\(pids.path)'
            sleep 60
            """)
        crisis.environment["CRISIS_HOOKS_DIR"] = hooks.path
        crisis.environment["CRISIS_HOOK_TIMEOUT"] = "1"
        try crisis.ok(["open", "Checkout fails", "--severity", "2"])
        let watch = try crisis.run(["watch", "--once"], extraEnvironment: ["CRISIS_NOW": ReminderRaceTests.later(31)])
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(try crisis.ok(["log"]).contains("hook update-due failed (killed after 1s)"))
        let child = try #require(Int32(try String(contentsOf: pids, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<100 where !gone {
            gone = kill(child, 0) != 0 && errno == ESRCH
            if !gone { usleep(20_000) }
        }
        #expect(gone, "the hook's background child outlived its time limit")
    }

    @Test func aTimeLimitThatIsNotANumberIsRefusedInOneLine() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(["open", "Checkout fails", "--severity", "2"])
        let watch = try crisis.run(["watch", "--once"], extraEnvironment: ["CRISIS_HOOK_TIMEOUT": "soon"])
        #expect(watch.status != 0)
        #expect(watch.stderrLines.count == 1)
        #expect(watch.stderr.contains("CRISIS_HOOK_TIMEOUT 'soon' is not understood"))
    }
}
