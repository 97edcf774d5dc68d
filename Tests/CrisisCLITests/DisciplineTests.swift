import CrisisTestSupport
import Foundation
import Testing

/// A scripted incident, hours long, played through the command line with `CRISIS_NOW` moving the clock;
/// the debrief's numbers must match the script.
@Suite struct DisciplineTests {
    private func at(_ crisis: CrisisProcess, _ time: String, _ arguments: [String]) throws -> Subprocess.Result {
        try crisis.run(at: time, arguments)
    }

    @discardableResult
    private func ok(_ crisis: CrisisProcess, _ time: String, _ arguments: [String],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Subprocess.Result {
        try crisis.ok(at: time, arguments, sourceLocation: sourceLocation)
    }

    @Test func theDebriefAddsUpTheScript() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try ok(crisis, "10:00", ["open", "Checkout failing", "--severity", "2", "--customer", "Acme"])  // first update due 10:30
        try ok(crisis, "10:02", ["owner", "Ana Lima", "--phone", "+1 555 0100"])
        try ok(crisis, "10:10", ["brief", "We confirmed the failure and are rolling back", "--next", "10:40", "--why", "rollback done by then"])  // kept
        try ok(crisis, "10:45", ["brief", "Rollback done; we are verifying payments", "--next", "11:15", "--why", "verification run"])  // missed by 5 min
        try ok(crisis, "10:50", ["deadline", "confirm replication lag", "--in", "20m"])
        try ok(crisis, "11:00", ["status", "mitigated"])
        try ok(crisis, "11:05", ["deadline", "slip", "D1", "--in", "20m", "--why", "replica catching up"])
        try ok(crisis, "11:10", ["brief", "Checkout works again for all shoppers", "--next", "12:00", "--why", "monitoring window"])  // kept
        try ok(crisis, "11:20", ["deadline", "met", "D1"])
        try ok(crisis, "11:21", ["question", "Any orders lost?"])
        try ok(crisis, "11:29", ["answer", "Q1", "None: all retried"])
        try ok(crisis, "11:30", ["status", "resolved"])
        let early = try at(crisis, "11:35", ["close"])
        #expect(early.status != 0)
        #expect(early.stderr.contains("confirm --by"))
        try ok(crisis, "11:40", ["confirm", "--by", "Jo at Acme", "checkout is fine"])
        try ok(crisis, "11:45", ["close"])
        try ok(crisis, "11:46", ["park", "Why did the canary not catch it?"])

        let json = try ok(crisis, "12:30", ["debrief", "--format", "json"]).stdout
        let debrief = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(debrief["updatesOnTime"] as? Int == 2)
        #expect(debrief["updatesSettled"] as? Int == 3)
        #expect(debrief["deadlineSlips"] as? Int == 1)
        let durations = try #require(debrief["durations"] as? [String: Double])
        #expect(durations["toFirstBriefing"] == TimeInterval(10 * 60))
        #expect(durations["toMitigation"] == TimeInterval(60 * 60))
        #expect(durations["toResolution"] == TimeInterval(90 * 60))
        #expect(durations["toCustomerConfirmation"] == TimeInterval(100 * 60))
        #expect(durations["total"] == TimeInterval(105 * 60))
        let questions = try #require(debrief["questions"] as? [[String: Any]])
        #expect(questions.first?["timeToAnswer"] as? Double == TimeInterval(8 * 60))
        let promises = try #require(debrief["promises"] as? [[String: Any]])
        #expect(promises.map { $0["outcome"] as? String } == ["kept", "missed", "kept"])
        #expect(promises[1]["lateness"] as? Double == TimeInterval(5 * 60))

        let markdown = try ok(crisis, "12:30", ["debrief"]).stdout
        for expected in ["# Debrief: INC-1 Checkout failing", "| Updates on time | 2/3 |", "| Deadline slips | 1 |",
                         "**missed**, 5 min late", "slipped at 11:05 from 11:10 to 11:25", "confirmed by Jo at Acme",
                         "Why did the canary not catch it?", "| first briefing | 10 min |", "| resolution | 1 h 30 min |",
                         "**D1** confirm replication lag: due 11:10, moved to 11:25, met 11:20\n", "answered after 8 min"] {
            #expect(markdown.contains(expected), "markdown lacks \(expected)")
        }

        let htmlPath = directory.url.appendingPathComponent("debrief.html").path
        try ok(crisis, "12:30", ["debrief", "--format", "html", "-o", htmlPath])
        let html = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(!html.contains("<pre") && !html.contains("|---"), "the HTML is a document, not Markdown in a box")
        #expect(html.contains("<h2>Deadlines</h2>") && html.contains("<td>resolution</td><td>1 h 30 min</td>"))
        #expect(html.components(separatedBy: "class=\"promise kept\"").count - 1 == 2)
        #expect(html.components(separatedBy: "class=\"promise missed\"").count - 1 == 1)
        #expect(html.components(separatedBy: "class=\"briefing\"").count - 1 == 3)
        #expect(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"))
    }

    @Test func closingWithoutConfirmationNeedsAReasonThatStays() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try ok(crisis, "09:00", ["open", "Slow search", "--severity", "3"])
        try ok(crisis, "09:30", ["status", "resolved"])
        let statusClosed = try at(crisis, "09:31", ["status", "closed"])
        #expect(statusClosed.status != 0)
        let noReason = try at(crisis, "09:31", ["close", "--unconfirmed"])
        #expect(noReason.status != 0)
        #expect(noReason.stderrLines.count == 1)
        try ok(crisis, "09:32", ["close", "--unconfirmed", "--why", "customer unreachable for 3 days"])
        let markdown = try ok(crisis, "09:40", ["debrief"]).stdout
        #expect(markdown.contains("(**closed without the customer's confirmation**: customer unreachable for 3 days)"))
    }

    @Test func theCoachAdvisesAndStrictRefuses() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try ok(crisis, "09:00", ["open", "Slow search", "--severity", "3"])
        let advised = try ok(crisis, "09:05", ["brief", "I think it should be fixed soon", "--next", "30m"])
        #expect(advised.stderr.contains("coach: hedging"))
        #expect(advised.stderr.contains("\"I think\""))
        #expect(advised.stderr.contains("coach: the next-update time comes with no reason"))

        let refused = try at(crisis, "09:06", ["brief", "Maybe by noon", "--next", "30m", "--why", "x", "--strict"])
        #expect(refused.status != 0)
        #expect(refused.stderrLines.count == 1)
        let log = try ok(crisis, "09:07", ["log", "--json"]).stdout
        #expect(log.split(separator: "\n").count == 2)

        let clean = try at(crisis, "09:08", ["lint", "We have restored search for all users; our next step is a full reindex",
                                             "--next", "30m", "--why", "the reindex takes 25 minutes"])
        #expect(clean.status == 0)
        let dirty = try at(crisis, "09:08", ["lint", "Not our fault: the vendor's issue on db-eu-2"])
        #expect(dirty.status == 1)
        #expect(dirty.stdout.contains("blame"))
        #expect(dirty.stdout.contains("technical channel"))
    }

    @Test func followUpsAreListedWhenDue() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try ok(crisis, "09:00", ["open", "Slow search", "--severity", "3"])
        try ok(crisis, "09:30", ["status", "resolved"])
        try ok(crisis, "09:40", ["confirm", "--by", "Jo"])
        try ok(crisis, "09:45", ["close"])
        #expect(try ok(crisis, "09:50", ["follow-up", "1d", "Call Jo: explain the cause and the fix"]).stdout.hasPrefix("F1 due"))
        #expect(!(try ok(crisis, "12:00", ["list"]).stdout.contains("Follow-ups due")))
        let nextDay = try crisis.run(["list"], extraEnvironment: ["CRISIS_NOW": "2026-11-24T10:00:00Z"])
        #expect(nextDay.stdout.contains("Follow-ups due"))
        #expect(nextDay.stdout.contains("INC-1 F1"))
        try crisis.run(["follow-up", "done", "F1"], extraEnvironment: ["CRISIS_NOW": "2026-11-24T10:05:00Z"])
        let after = try crisis.run(["list"], extraEnvironment: ["CRISIS_NOW": "2026-11-24T10:06:00Z"])
        #expect(!after.stdout.contains("F1"))
    }
}
