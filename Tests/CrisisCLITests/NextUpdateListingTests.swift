import CrisisTestSupport
import Foundation
import Testing

/// `crisis list` and `crisis show` say what the customer is owed next, and never count down once nothing is
/// (issue 11, bug 1 and "list does not show each open incident's next update").
@Suite struct NextUpdateListingTests {
    /// INC-1 promised 13:35 (overdue from then), INC-2 promises 14:35, INC-3 resolved, INC-4 closed at 14:12.
    private func fourIncidents(_ crisis: CrisisProcess) throws {
        try crisis.ok(at: "13:00", ["open", "Checkout down", "--severity", "1", "--customer", "Acme",
                                    "--owner", "Ana", "--phone", "+1 555 0100"])
        try crisis.ok(at: "13:05", ["brief", "We are rolling back", "--next", "30m", "--why", "rollback done", "--incident", "1"])
        try crisis.ok(at: "13:01", ["open", "Slow search", "--severity", "3"])
        try crisis.ok(at: "14:05", ["brief", "Reindex under way", "--next", "14:35", "--why", "reindex done", "--incident", "2"])
        try crisis.ok(at: "13:02", ["open", "Late emails", "--severity", "3"])
        try crisis.ok(at: "13:10", ["brief", "Failing over", "--next", "30m", "--why", "failover", "--incident", "3"])
        try crisis.ok(at: "13:30", ["status", "resolved", "--incident", "3"])
        try crisis.ok(at: "13:00", ["open", "Login errors", "--severity", "2"])
        try crisis.ok(at: "13:05", ["brief", "Investigating", "--next", "30m", "--why", "logs by then", "--incident", "4"])
        try crisis.ok(at: "13:50", ["status", "resolved", "--incident", "4"])
        try crisis.ok(at: "14:00", ["confirm", "--by", "Jo", "--incident", "4"])
        try crisis.ok(at: "14:12", ["close", "--incident", "4"])
    }

    @Test func listShowsEachIncidentsNextUpdateAndAges() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try fourIncidents(crisis)
        // Cells are apart by two spaces or more; a cell holds single spaces.
        let rows = try crisis.ok(at: "14:22", ["list", "--all"]).stdout.split(separator: "\n").map { line in
            line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        #expect(rows == [
            ["ID", "SEV", "STATUS", "NEXT UPDATE", "AGE", "CUSTOMER", "TITLE"],
            ["INC-1", "SEV1", "investigating", "OVERDUE +47:00", "open 1h22m", "Acme", "Checkout down"],
            ["INC-2", "SEV3", "investigating", "14:35 in 13:00", "open 1h21m", "-", "Slow search"],
            ["INC-3", "SEV3", "resolved", "resolved · none promised", "open 1h20m", "-", "Late emails"],
            ["INC-4", "SEV2", "closed", "closed", "closed after 1h12m", "-", "Login errors"],
        ])
        #expect(!(try crisis.ok(at: "14:22", ["list"]).stdout.contains("INC-4")))

        let json = try crisis.ok(at: "14:22", ["list", "--all", "--json"]).stdout
        let listed = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let incidents = try #require(listed["incidents"] as? [[String: Any]])
        let next = incidents.compactMap { $0["nextUpdate"] as? [String: Any] }
        #expect(next.map { $0["state"] as? String } == ["promised", "promised", "resolved", "closed"])
        #expect(next.map { $0["overdue"] as? Bool } == [true, false, false, false])
        #expect(next[0]["remainingSeconds"] as? Int == -47 * 60)
        #expect(next[1]["due"] as? String == "2026-11-23T14:35:00.000Z")
        #expect(next[2]["endedAt"] as? String == "2026-11-23T13:30:00.000Z")
        #expect(incidents[3]["closedAt"] as? String == "2026-11-23T14:12:00.000Z")
    }

    @Test func showNeverCountsDownOnceNothingIsOwed() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try fourIncidents(crisis)
        // Hours after closing, and after the 13:35 promise that was pending at resolution.
        let closed = try crisis.ok(at: "18:00", ["show", "--incident", "4"]).stdout
        #expect(!closed.contains("OVERDUE") && !closed.contains("NEXT UPDATE:"), "\(closed)")
        // The zone's abbreviation differs between platforms (UTC, GMT); the rest does not.
        #expect(closed.contains(" by ana, closed after 1h12m\n"))
        #expect(closed.contains("next update: none owed — closed 14:12 ") && closed.contains(", confirmed by Jo\n"), "\(closed)")

        let resolved = try crisis.ok(at: "18:00", ["show", "--incident", "3"]).stdout
        #expect(!resolved.contains("OVERDUE"), "\(resolved)")
        #expect(resolved.contains("next update: none promised — resolved 13:30 "))
        #expect(resolved.contains(", no briefing since promised one (brief --next WHEN to promise one)\n"))
        let report = try #require(JSONSerialization.jsonObject(with: Data(try crisis.ok(at: "18:00", ["show", "--json", "--incident", "3"]).stdout.utf8)) as? [String: Any])
        let nextUpdate = try #require(report["nextUpdate"] as? [String: Any])
        #expect(nextUpdate["state"] as? String == "resolved" && nextUpdate["overdue"] as? Bool == false)

        // A briefing after resolution promises again, and the countdown is back.
        try crisis.ok(at: "18:01", ["brief", "Resolved; we will confirm with the customer", "--next", "30m",
                                    "--why", "their team is back then", "--incident", "3"])
        let promised = try crisis.ok(at: "18:10", ["show", "--incident", "3"]).stdout
        #expect(promised.contains("NEXT UPDATE: 18:31 ") && promised.contains(", in 21:00 — their team is back then\n"), "\(promised)")
        let overdue = try crisis.ok(at: "18:40", ["show", "--incident", "3"]).stdout
        #expect(overdue.contains(", OVERDUE +09:00 — their team is back then\n"), "\(overdue)")
    }

    @Test func showMarksADeadlineMetAfterItsDueTimeAsLate() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(at: "09:00", ["open", "Slow search", "--severity", "3"])
        try crisis.ok(at: "09:01", ["deadline", "confirm replication lag", "--in", "10m"])
        try crisis.ok(at: "09:02", ["deadline", "check the reindex", "--in", "10m"])
        try crisis.ok(at: "09:05", ["deadline", "met", "D1"])
        let late = try crisis.ok(at: "09:29", ["deadline", "met", "D2"])
        #expect(late.stdout == "INC-1 #5: D2 met 17 min late\n")
        let show = try crisis.ok(at: "09:30", ["show"]).stdout
        #expect(show.contains("  D1 met  due 09:11 "), "\(show)")
        #expect(show.contains("  D2 met LATE +17 min  due 09:12 "), "\(show)")
    }

    /// Issue 12: `crisis show` lacked what the dashboard's header shows: the record of promises and the flags.
    @Test func showCarriesTheHeadersRecordAndFlags() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(at: "09:00", ["open", "Checkout down", "--severity", "1"])
        try crisis.ok(at: "09:01", ["question", "Did the CDN change?"])
        try crisis.ok(at: "09:02", ["deadline", "check the lag", "--in", "10m"])
        try crisis.ok(at: "09:05", ["deadline", "slip", "D1", "--in", "20m", "--why", "metrics late"])
        try crisis.ok(at: "09:10", ["brief", "We see it", "--next", "20m", "--why", "the rollback takes that long"])
        let show = try crisis.ok(at: "09:45", ["show"]).stdout
        #expect(show.contains("record: updates on time 1/2, deadline slips 1"), "\(show)")
        #expect(show.contains("flags: ⚑ NO OWNER  ⚑ NO COMMS LEAD  ⚑ update overdue +15:00  ⚑ Q1 unanswered 44m  ⚑ technical channel quiet 40m"), "\(show)")
        let json = try crisis.ok(at: "09:45", ["show", "--json"]).stdout
        #expect(json.contains(#""updatesKept" : 1"#) && json.contains(#""deadlineSlips" : 1"#), "\(json)")
        #expect(json.contains(#""NO OWNER""#) && json.contains(#""NO COMMS LEAD""#))
    }
}
