import CrisisTestSupport
import Foundation
import Testing

/// `remind`, `open --remind`, `ack` and `snooze` from the command line (issue 13), and what `crisis show` says
/// about reminders.
@Suite struct ReminderCommandTests {
    @Test func theLeadTimeIsSetWhenOpeningAndLater() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(at: "13:00", ["open", "Checkout fails", "--severity", "2", "--remind", "10m"])
        #expect(try crisis.ok(at: "13:01", ["show"]).stdout.contains("reminders: 10m before each promised update"))
        let off = try crisis.ok(at: "13:02", ["remind", "off"])
        #expect(off.stdout.contains("no early reminder before promised updates (due and overdue reminders still go)"))
        #expect(try crisis.ok(at: "13:03", ["show"]).stdout.contains("reminders: none before a promised update"))
    }

    @Test(arguments: [
        (["remind", "soon"], "remind 'soon' is not understood: use off, or a duration like 20m"),
        (["remind", "3h"], "up to 2h"),
        (["open", "X", "--severity", "2", "--remind", "sometime"], "remind 'sometime' is not understood"),
        (["snooze", "forever"], "snooze 'forever' is not a duration"),
        (["ack"], "nothing to acknowledge: no reminder stands for INC-1"),
        (["snooze", "5m"], "nothing to snooze: no reminder stands for INC-1"),
    ])
    func badInputIsOneLineAndWritesNothing(arguments: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(at: "13:00", ["open", "Checkout fails", "--severity", "2"])
        let before = try crisis.ok(["log", "--json"])
        let result = try crisis.run(at: "13:05", arguments)
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try crisis.ok(["log", "--json"]) == before, "something was written")
    }

    @Test func ackAndSnoozeAnswerWhatShowSays() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(at: "13:00", ["open", "Checkout fails", "--severity", "2", "--owner", "Dana Ops", "--phone", "+1 555 0100"])
        try crisis.ok(at: "13:26", ["watch", "--once"])
        let shown = try crisis.ok(at: "13:26", ["show"]).stdout
        #expect(shown.contains("REMINDER: Dana Ops (+1 555 0100): the update to the customer due 13:30"), "\(shown)")
        let tooLong = try crisis.run(at: "13:26", ["snooze", "10m"])
        #expect(tooLong.status != 0)
        #expect(tooLong.stderr.contains("a snooze of 10m outlasts the time left: due in 4m"), "\(tooLong.stderr)")
        try crisis.ok(at: "13:26", ["snooze", "2m"])
        #expect(!(try crisis.ok(at: "13:27", ["show"]).stdout.contains("REMINDER:")))
        #expect(try crisis.ok(at: "13:29", ["show"]).stdout.contains("REMINDER:"), "the snooze ended")
        try crisis.ok(at: "13:29", ["ack"])
        #expect(!(try crisis.ok(at: "13:29", ["show"]).stdout.contains("REMINDER:")))
    }
}
