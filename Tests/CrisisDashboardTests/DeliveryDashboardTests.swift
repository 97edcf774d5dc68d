import CrisisDashboard
import Foundation
import IncidentModel
import Testing

/// Issue 14 on the dashboard: a briefing's receipts under it in the business pane, a red flag for an update
/// that did not reach a subscriber, and Ctrl-P's preview of what the customer would receive.
@Suite struct DeliveryDashboardTests {
    static let canary = "CANARY-pane-9c2d"

    /// The quiet log with a subscriber by mail and one by webhook, and the briefing (#6) delivered to the first
    /// and failed for good at the second.
    private func deliveredLog() -> Fixture.Log {
        var log = Fixture.quietLog()
        log.add(7.5, "marc", .subscribed(Subscription(address: "jane@northwind.example", name: "Jane Doe", customer: nil,
                                                      zone: "Europe/Berlin", secret: nil)))
        log.add(7.5, "marc", .subscribed(Subscription(address: "https://hooks.northwind.example/crisis", name: nil, customer: nil,
                                                      zone: nil, secret: "whsec_0123456789abcdef0123456789abcdef")))
        log.add(8, "marc", .briefing(text: "Traffic moved; checkout recovers for most shoppers.", nextUpdateAt: log.at(38),
                                     reason: "we watch the error rate for half an hour"))
        let briefing = log.events.count
        log.add(8.1, "crisis", .deliveryClaimed(DeliveryClaim(notice: briefing, target: "jane@northwind.example", attempt: 1, firedBy: "w")))
        log.add(8.1, "crisis", .deliveryReceipt(DeliveryReceipt(notice: briefing, target: "jane@northwind.example", attempt: 1,
                                                                outcome: .delivered, detail: "handed to sendmail in 40 ms", retryAt: nil)))
        log.add(8.2, "crisis", .deliveryClaimed(DeliveryClaim(notice: briefing, target: "https://hooks.northwind.example/crisis",
                                                              attempt: 1, firedBy: "w")))
        log.add(8.2, "crisis", .deliveryReceipt(DeliveryReceipt(notice: briefing, target: "https://hooks.northwind.example/crisis",
                                                                attempt: 1, outcome: .failed, detail: "404 (not found)", retryAt: nil)))
        return log
    }

    private func text(_ grid: Grid) -> String {
        grid.lines.joined(separator: "\n")
    }

    @Test func receiptsShowUnderTheirBriefingAndAFailureRaisesAFlag() throws {
        let state = try Fixture.state(deliveredLog(), minute: 9, width: 160, height: 40, focus: .business)
        let screen = text(Fixture.render(state))
        #expect(screen.contains("✓ mailed to jane@northwind.example 09:08:06 (handed to sendmail in 40"), "\(screen)")
        #expect(screen.contains("✗ webhook hooks.northwind.example: 404 (not found)"), "\(screen)")
        #expect(screen.contains("⚑ U2 NOT DELIVERED to webhook hooks.northwind.example")
                || screen.contains("⚑ U2 UNDELIVERED"), "\(screen)")
        #expect(!screen.contains("/crisis"), "a webhook's path may be its credential: screens show its host")
        #expect(!screen.contains("sending U2"), "claims are bookkeeping, not entries")
        #expect(!screen.contains("whsec_"), "the secret never reaches a screen")
        // The receipts sit right under their briefing.
        let lines = screen.components(separatedBy: "\n")
        let briefing = try #require(lines.firstIndex { $0.contains("Traffic moved; checkout recovers") })
        #expect(lines[briefing + 1].contains("✓ mailed to jane@northwind.example") || lines[briefing + 2].contains("✓ mailed"))
    }

    @Test func ctrlPPreviewsTheBriefingBeingWrittenAndSendsNothing() throws {
        var log = deliveredLog()
        log.add(9, "ana", .note(text: "eu-db-2 \(Self.canary) lag is back to 2 s"))
        var state = try Fixture.state(log, minute: 10, width: 140, height: 45, focus: .business)
        for character in "Checkout is back for every shopper." { _ = state.update(.key(.character(character))) }
        let effects = state.update(.key(.control("p")))
        #expect(effects.isEmpty, "a preview appends nothing")
        guard case .notice(_, let lines) = state.overlay else {
            Issue.record("no preview: \(String(describing: state.overlay)), status \(String(describing: state.status))")
            return
        }
        let preview = lines.joined(separator: "\n")
        #expect(preview.contains("Subject: [INC-7] Checkout fails for EU shoppers · update 3 · next update by 10:25 CET"), "\(preview)")
        #expect(preview.contains("To: Jane Doe <jane@northwind.example>"))
        #expect(preview.contains("Checkout is back for every shopper."))
        #expect(preview.contains("\"type\" : \"incident.briefing\""), "the webhook body too: \(preview)")
        #expect(!preview.contains(Self.canary))
        let screen = text(Fixture.render(state))
        #expect(screen.contains("what the customer would receive"), "\(screen)")
        // Any key closes it, and the briefing is still there to post.
        _ = state.update(.key(.character("x")))
        #expect(state.overlay == nil)
        #expect(state.composer.editor.text == "Checkout is back for every shopper.")
    }

    @Test func ctrlPOnANoteSaysWhatItPreviews() throws {
        var state = try Fixture.state(deliveredLog(), minute: 10, width: 120, height: 40, focus: .technical)
        for character in "lag is fine" { _ = state.update(.key(.character(character))) }
        _ = state.update(.key(.control("p")))
        #expect(state.overlay == nil)
        #expect(state.status?.text.contains("Ctrl-P previews a briefing") == true)
    }
}
