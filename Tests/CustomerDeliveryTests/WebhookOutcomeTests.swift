import IncidentModel
import CustomerDelivery
import Testing

struct WebhookOutcomeTests {
    @Test func eachOutcomeIsOneLineNamingTheHost() throws {
        let url = try WebhookURL("https://hooks.acme.example/crisis")
        #expect(WebhookOutcome.delivered(status: 200, elapsed: .milliseconds(84)).line(to: url)
            == "webhook to hooks.acme.example: 200 in 84 ms")
        #expect(WebhookOutcome.delivered(status: 204, elapsed: .milliseconds(1234)).line(to: url)
            == "webhook to hooks.acme.example: 204 in 1.2 s")
        let failed = WebhookOutcome.failed(reason: "500 (internal error: db down)", isTemporary: true, elapsed: .milliseconds(5))
        #expect(failed.line(to: url) == "webhook to hooks.acme.example: 500 (internal error: db down)")
        #expect(failed.isTemporaryFailure && !failed.isDelivered)
        #expect(try WebhookURL("https://hooks.acme.example:443/").displayHost == "hooks.acme.example")
    }
}
