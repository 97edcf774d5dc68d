import CrisisTestSupport
import Foundation
import Testing

/// The five-minute walk through a sample incident from the README, end to end through the built binary.
@Suite struct WalkthroughTests {
    /// Found in review: a briefing's second line started at the margin of `crisis show`, so "Bcc: x@y" read like
    /// a field of the sheet; and an open deadline's time left had no "in".
    @Test func showIndentsTheLaterLinesOfAnEntryAndSaysInForTimeLeft() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(["open", "Checkout failing", "--severity", "2", "--owner", "Ana Lima", "--phone", "+1 555 0100"])
        try crisis.ok(["brief", "Payments recover.\nBcc: x@y.example", "--next", "30m", "--why", "the rollback\nends then"])
        try crisis.ok(["deadline", "confirm replication lag", "--in", "15m"])
        let show = try crisis.ok(["show"])
        #expect(show.contains("Payments recover.\n        Bcc: x@y.example"), "\(show)")
        #expect(!show.contains("\nBcc:"))
        #expect(show.contains("the rollback\n        ends then"), "\(show)")
        #expect(show.contains("D1 in 15:00") || show.contains("D1 in 14:59"), "\(show)")
    }

    @Test func aWholeIncidentThroughTheCommandLine() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)

        let opened = try crisis.run(["open", "Checkout failing for EU shoppers", "--severity", "1",
                                     "--customer", "Acme Retail", "--owner", "Ana Lima", "--phone", "+1 555 0100"])
        #expect(opened.status == 0)
        #expect(opened.stdout == "INC-1\n")

        #expect(try crisis.ok(["note", "502s from payments-gw since 13:58"]).contains("INC-1 #3"))
        let brief = try crisis.ok(["brief", "We confirmed the checkout failure; rollback is under way",
                                   "--next", "20m", "--why", "the rollback completes by then"])
        #expect(brief.contains("next update due"))
        #expect(brief.contains("in 20:00") || brief.contains("in 19:59"))
        let deadline = try crisis.ok(["deadline", "confirm replication lag", "--in", "15m", "--owner", "bob"])
        #expect(deadline.hasPrefix("D1 due "))
        #expect(try crisis.ok(["deadline", "slip", "D1", "--in", "30m", "--why", "replica still catching up"])
            .contains("(slip 1)"))
        #expect(try crisis.ok(["question", "Did the customer change their CDN config?"]) == "Q1")
        try crisis.ok(["answer", "Q1", "No changes since Friday"])
        #expect(try crisis.ok(["ask", "Send us a HAR file", "--why", "only their browser shows the error"]) == "A1")
        try crisis.ok(["ask", "done", "A1"])
        #expect(try crisis.ok(["workaround", "Route EU traffic via the US region"]) == "W1")
        try crisis.ok(["impact", "All EU card payments fail; about 40% of orders"])
        try crisis.ok(["frame", "Restore EU checkout before investigating root cause"])
        try crisis.ok(["owner", "Raj Patel", "--phone", "+44 20 7946 0000"])
        try crisis.ok(["status", "mitigated"])
        try crisis.ok(["park", "Why did alerting not page anyone?"])
        try crisis.ok(["deadline", "met", "D1", "--why", "lag was 40s, now 0"])

        let list = try crisis.ok(["list"])
        #expect(list.contains("INC-1"))
        #expect(list.contains("mitigated"))

        let show = try crisis.ok(["show"])
        for expected in ["Raj Patel, +44 20 7946 0000", "(1 handoff)", "frame: Restore EU checkout",
                         "D1 met", "1 slip", "Q1 answered", "W1", "A1 done", "Parking lot (1)",
                         "NEXT UPDATE:", "the rollback completes by then"] {
            #expect(show.contains(expected), "show lacks \(expected)")
        }

        let json = try crisis.ok(["show", "--json"])
        let state = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let incident = try #require(state["incident"] as? [String: Any])
        #expect(incident["status"] as? String == "mitigated")
        #expect((incident["deadlines"] as? [[String: Any]])?.first?["outcome"] as? String == "met")
        #expect((state["nextUpdate"] as? [String: Any])?["overdue"] as? Bool == false)

        let log = try crisis.ok(["log", "--json"]).split(separator: "\n")
        #expect(log.count == 17)
        let sequences = try log.map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["sequence"] as? Int
        }
        #expect(sequences == Array(1...17))

        let business = try crisis.ok(["log", "--channel", "business"])
        #expect(business.contains("rollback is under way"))
        #expect(!business.contains("502s"))
        let technical = try crisis.ok(["log", "--channel", "technical"])
        #expect(technical.contains("502s"))
        #expect(!technical.contains("rollback is under way"))
    }

    @Test func clockTimesAreEchoedAsAbsoluteTimesWithACountdown() throws {
        let directory = try TemporaryDirectory()
        var crisis = CrisisProcess(directory: directory.url)
        crisis.environment["TZ"] = "America/New_York"
        try crisis.ok(["open", "Slow search", "--severity", "3"])
        let iso = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 3600))
        let output = try crisis.ok(["brief", "Search is slow for some users", "--next", iso, "--why", "after the reindex"])
        // Local time with its zone, the UTC time beside it, and the countdown.
        #expect((output.contains("EST") || output.contains("GMT-5")) && output.contains("Z)"), "\(output)")
        #expect(output.contains("in 2:59:") || output.contains("in 3:00:"), "\(output)")
    }

    @Test func severalOpenIncidentsNeedAChoice() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(["open", "First", "--severity", "2"])
        try crisis.ok(["open", "Second", "--severity", "3"])
        let ambiguous = try crisis.run(["note", "which one?"])
        #expect(ambiguous.status != 0)
        #expect(ambiguous.stderrLines.count == 1)
        #expect(ambiguous.stderr.contains("INC-1") && ambiguous.stderr.contains("INC-2"))
        try crisis.ok(["note", "this one", "--incident", "2"])
        #expect(try crisis.ok(["log", "--incident", "INC-2"]).contains("this one"))
        let viaEnvironment = try crisis.run(["note", "via env"], extraEnvironment: ["CRISIS_INCIDENT": "INC-1"])
        #expect(viaEnvironment.status == 0)
    }
}
