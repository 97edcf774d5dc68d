import Foundation
import Testing
@testable import IncidentModel

/// The Markdown debrief of a scripted three-hour SEV1: durations read as durations, late marked late.
@Suite struct DebriefMarkdownTests {
    @Test func durationsReadAsDurationsNotClockTimes() throws {
        let markdown = try DebriefScript.threeHourSEV1().markdown()
        for expected in ["| first briefing | 8 min |", "| mitigation | 1 h 20 min |", "| resolution | 2 h 30 min |",
                         "| customer confirmation | 2 h 40 min |", "| closing | 2 h 50 min |",
                         "answered after 58 min: Yes, the pool size", "kept (12 min early)",
                         "**missed**, 5 min late", "**missed**, 10 min late"] {
            #expect(markdown.contains(expected), "markdown lacks \(expected)")
        }
        #expect(!markdown.contains("08:00"), "a duration written as a clock")
        #expect(!markdown.contains("58:00"))
    }

    @Test func aDeadlineMetAfterItsDueTimeIsMarkedLate() throws {
        let markdown = try DebriefScript.threeHourSEV1().markdown()
        #expect(markdown.contains("- **D1** find the failing node (owner bo): due 13:40, moved to 14:00, met 14:05, **5 min late** — db-eu-2"))
        #expect(markdown.contains("  - slipped at 13:38 from 13:40 to 14:00: logs arrive late"))
        #expect(markdown.contains("- **D2** canary rollback: due 14:40, dropped 14:35 — not needed"))
    }

    @Test func theOpeningReadsAsATimeNotAnISOStamp() throws {
        let markdown = try DebriefScript.threeHourSEV1().markdown()
        let opened = try #require(markdown.split(separator: "\n").first { $0.contains("Opened") })
        #expect(!opened.contains(".000Z"), "\(opened)")
        #expect(opened.contains("Nov 23 13:00 UTC (13:00Z) by") || opened.contains("Nov 23 13:00 GMT (13:00Z) by"), "\(opened)")
    }

    @Test func aDeadlineMetInTimeIsNotLate() throws {
        var script = DebriefScript()
        script.add(5, .deadlineSet(text: "check", dueAt: script.at(20), owner: nil))
        script.add(20, .deadlineMet(deadline: 1, note: nil))
        let deadline = try #require(try script.debrief().incident.deadline(1))
        #expect(deadline.lateBy == nil)
        #expect(try script.markdown().contains("- **D1** check: due 13:20, met 13:20\n"))
    }

    /// Issue 13: for every promise, when the person whose move it was got reminded, and when the briefing came.
    @Test func everyPromiseSaysWhenItWasRemindedOf() throws {
        var script = DebriefScript()
        script.add(10, .briefing(text: "We see it", nextUpdateAt: script.at(40), reason: "after the failover"))
        for (minute, stage) in [(35.0, ReminderStage.dueSoon)] {
            script.add(minute, .reminder(ReminderRecord(subject: .update(promisedBy: 2), stage: stage, recipient: "Marc",
                                                        phone: nil, dueAt: script.at(40), firedBy: "test")))
        }
        script.add(39, .briefing(text: "Recovering", nextUpdateAt: script.at(60), reason: "backlog"))
        let markdown = try script.markdown()
        #expect(markdown.contains("| promised at | due | why | delivered | reminded | came | result |"), "\(markdown)")
        #expect(markdown.contains("| 13:10 | 13:40 | after the failover | — | 13:35 | 13:39 | kept (1 min early) |"), "\(markdown)")
        #expect(!markdown.contains("Sent to the customer"), "no subscribers, no section")
    }

    /// Issue 14: the debrief says who was told what, and which update did not reach whom.
    @Test func everyPromiseSaysWhetherItReachedTheCustomer() throws {
        var script = DebriefScript()
        script.add(1, .subscribed(Subscription(address: "jane@acme.example", name: "Jane Doe", customer: nil, zone: nil, secret: nil)))
        script.add(1, .subscribed(Subscription(address: "https://hooks.acme.example/c", name: nil, customer: nil, zone: nil, secret: "whsec_0123456789abcdef0123456789")))
        script.add(10, .briefing(text: "We see it", nextUpdateAt: script.at(40), reason: "after the failover"))
        for target in ["jane@acme.example", "https://hooks.acme.example/c"] {
            script.add(10, .deliveryClaimed(DeliveryClaim(notice: 4, target: target, attempt: 1, firedBy: "w")))
        }
        script.add(10, .deliveryReceipt(DeliveryReceipt(notice: 4, target: "jane@acme.example", attempt: 1, outcome: .delivered,
                                                        detail: "handed to sendmail in 40 ms", retryAt: nil)))
        script.add(11, .deliveryReceipt(DeliveryReceipt(notice: 4, target: "https://hooks.acme.example/c", attempt: 1,
                                                        outcome: .failed, detail: "404 (not found)", retryAt: nil)))
        let markdown = try script.markdown()
        #expect(markdown.contains("| 13:10 | 13:40 | after the failover | 1 ✓, **✗ webhook hooks.acme.example** |"), "\(markdown)")
        #expect(markdown.contains("## Sent to the customer"), "\(markdown)")
        #expect(markdown.contains("Jane Doe <jane@acme.example> subscribed 13:01 by"), "\(markdown)")
        #expect(markdown.contains("✓ mailed to jane@acme.example"), "\(markdown)")
        #expect(markdown.contains("✗ webhook hooks.acme.example: 404 (not found)"), "\(markdown)")
        #expect(!markdown.contains("whsec_"), "the secret never reaches the debrief")
    }

    @Test func anOpenDeadlinePastDueSaysSo() throws {
        var script = DebriefScript()
        script.add(5, .deadlineSet(text: "check", dueAt: script.at(20), owner: nil))
        #expect(try script.markdown().contains("due 13:20, **still open**, 3 h past due"))
    }

    @Test func aTimeOnAnotherDayCarriesItsDay() throws {
        let markdown = try DebriefScript.threeHourSEV1().markdown()
        #expect(markdown.contains("- **F1** due Nov 24 13:00: call Jo"))
        #expect(markdown.contains("| 15:55 | 15:55Z | business |"), "times within the incident's day stay short")
    }

    @Test func theTimelineNamesTheZoneAsPeopleSayIt() throws {
        #expect(try DebriefScript.threeHourSEV1().markdown(timeZone: berlin).contains("| time (CET) | UTC | channel | who | what |"))
    }

    @Test func jsonKeepsSeconds() throws {
        let json = try EventCoding.makeEncoder().encode(try DebriefScript.threeHourSEV1().debrief())
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let durations = try #require(object["durations"] as? [String: Double])
        #expect(durations["toFirstBriefing"] == 480)
        #expect(durations["total"] == TimeInterval(170 * 60))
    }
}
