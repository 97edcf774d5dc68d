import CrisisTestSupport
import Foundation
import IncidentModel
import Testing

/// Issue 14 as a team uses it: the real `crisis` binary records subscribers and briefings, `crisis watch
/// --once` delivers through a real msmtp to a real SMTP server and through HTTPS to a real receiver, and every
/// byte that went out is read back: headers, threading, both parts, the customer's zone, signatures, and no
/// trace of the technical channel.
@Suite(.enabled(if: MailCatcher.isAvailable && WebhookReceiver.isAvailable,
                Comment(rawValue: MailCatcher.unavailable + "; " + WebhookReceiver.unavailable)))
struct DeliveryEndToEndTests {
    static let canary = "CANARY-tech-4f1e"
    static let secret = "whsec_e2e0123456789abcdef0123456789abcdef"

    /// One terminal's environment: its own HOME and store, UTC, and the mail and webhook settings.
    struct Team {
        let home: TemporaryDirectory
        var environment: [String: String]

        init(mail: MailCatcher, webhook: WebhookReceiver?) throws {
            home = try TemporaryDirectory()
            environment = CrisisBinary.environment(home: home.url)
            environment["CRISIS_SENDMAIL"] = mail.sendmailCommandLine
            environment["CRISIS_MAIL_FROM"] = "ACME Support <support@acme-support.example>"
            if let webhook { environment["CRISIS_CA_FILE"] = webhook.caFile }
            // A loaded CI machine can take seconds over a loopback TLS handshake: the tests are about what
            // is delivered, not how fast.
            environment["CRISIS_WEBHOOK_TIMEOUT"] = "60"
            environment["CRISIS_SENDMAIL_TIMEOUT"] = "120"
        }

        /// Runs `crisis` at `time` (on 2026-11-23 UTC) as `author`.
        @discardableResult
        func run(_ arguments: [String], at time: String, as author: String = "ana") throws -> Subprocess.Result {
            var environment = environment
            environment["CRISIS_NOW"] = "2026-11-23T\(time)Z"
            environment["CRISIS_AUTHOR"] = author
            return try Subprocess.run(CrisisBinary.url.path, arguments, environment: environment)
        }

        @discardableResult
        func ok(_ arguments: [String], at time: String, as author: String = "ana",
                sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let result = try run(arguments, at: time, as: author)
            #expect(result.status == 0, "crisis \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
            return result.stdout
        }
    }

    @Test func briefingsReachMailAndWebhooksWithAReceiptAndNoTechnicalCanary() throws {
        let mail = try MailCatcher()
        // The first POST fails with a 500: the receipt says so, and a later look retries and delivers.
        let webhook = try WebhookReceiver(responses: [.status(500, body: "busy")], secret: Self.secret)
        let team = try Team(mail: mail, webhook: webhook)
        let canary = Self.canary

        try team.ok(["open", "Checkout failing", "--severity", "2", "--customer", "ACME", "--owner", "Dana Ito",
                     "--phone", "+49 30 1234 567"], at: "13:00:00")
        // The technical channel, full of things no customer may see.
        try team.ok(["note", "db primary \(canary) is wedged"], at: "13:01:00", as: "bo")
        try team.ok(["deadline", "failover \(canary)", "--in", "20m", "--owner", "bo"], at: "13:01:30", as: "bo")
        try team.ok(["question", "is \(canary) on the old build?"], at: "13:02:00", as: "bo")
        try team.ok(["answer", "Q1", "yes \(canary)"], at: "13:02:30", as: "bo")
        try team.ok(["frame", "restore \(canary)"], at: "13:03:00", as: "bo")
        try team.ok(["role", "tech", "Bo \(canary)", "--phone", "+1 555 0199"], at: "13:03:30")
        try team.ok(["park", "alerting \(canary)"], at: "13:04:00", as: "bo")
        // The business channel.
        try team.ok(["impact", "Card payments fail for about 30% of EU customers"], at: "13:05:00")
        try team.ok(["workaround", "Use PayPal at checkout"], at: "13:05:30")
        try team.ok(["subscribe", "jane@acme.example", "--name", "Jane Doe", "--zone", "Europe/Berlin"], at: "13:06:00")
        let subscribed = try team.ok(["subscribe", "\(webhook.baseURL)/crisis", "--secret", Self.secret, "--allow-private"],
                                     at: "13:06:10")
        #expect(!subscribed.contains(Self.secret) && subscribed.contains("signed with the secret given"),
                "a secret the person gave is not printed back: \(subscribed)")

        // A watch that runs as they are added sends them the opening notice, the newest update out.
        let firstLook = try team.run(["watch", "--once"], at: "13:06:20", as: "watch")
        #expect(firstLook.status == 0, "\(firstLook.stderr)")
        try mail.waitForMessages(1)
        var shown = try team.ok(["subscribers"], at: "13:06:21")
        #expect(shown.contains("✓ mailed to jane@acme.example"), "\(shown)")
        #expect(shown.contains("webhook 127.0.0.1: trying again at 13:06:50 (500"), "the 500 is retried 30 s later: \(shown)")
        #expect(!shown.contains("/crisis"), "a webhook is named by its host: its path may be its credential")
        #expect(try team.ok(["show"], at: "13:06:21").contains("NOT DELIVERED") == false, "a retry is not yet a failure")

        let text = "We found the cause, a bad configuration push, and are rolling it back.\r\nBcc: evil@evil.example"
        let preview = try team.ok(["brief", text, "--next", "30m", "--why", "the rollback takes 20 minutes", "--preview"],
                                  at: "13:10:00", as: "marc \(canary)")
        #expect(preview.contains("Subject: [INC-1] Checkout failing · update 1 · next update by 14:40 CET"), "\(preview)")
        #expect(!preview.contains(canary))
        #expect(try team.ok(["log", "--channel", "business"], at: "13:10:00").contains("rolling it back") == false,
                "a preview posts nothing")
        try team.ok(["brief", text, "--next", "30m", "--why", "the rollback takes 20 minutes"], at: "13:10:00",
                    as: "marc \(canary)")

        // The next look delivers the briefing, and the opening notice's webhook retry.
        let secondLook = try team.run(["watch", "--once"], at: "13:10:05", as: "watch")
        #expect(secondLook.status == 0, "\(secondLook.stderr)")
        try mail.waitForMessages(2)

        try team.ok(["status", "resolved"], at: "13:30:00")
        try team.ok(["close", "--unconfirmed", "--why", "customer unreachable \(canary)"], at: "13:31:00")
        // Three watchers look at once (cron on two hosts and a unit): the closure still goes once to each.
        let watchers = try (0..<3).map { _ in
            var environment = team.environment
            environment["CRISIS_NOW"] = "2026-11-23T13:31:05Z"
            environment["CRISIS_AUTHOR"] = "watch"
            return try BackgroundProcess(CrisisBinary.url.path, ["watch", "--once"], environment: environment)
        }
        for watcher in watchers { #expect(watcher.wait() == 0, "\(watcher.stderr)") }
        let all = try mail.waitForMessages(3)

        // Every message, read the way a mail client reads it.
        let messages = try MailReader.read([mail.mailbox])
        #expect(messages.count == 3)
        for message in messages {
            #expect(message.defects.isEmpty, "\(message.defects)")
            #expect(message.envelope?.rcpt_tos == ["jane@acme.example"], "the Bcc in the text added no recipient")
            #expect(!message.headerNames.map { $0.lowercased() }.contains("bcc"))
            #expect(message.contentTypes.contains("text/plain") && message.contentTypes.contains("text/html"))
            #expect(!String(decoding: message.rawBytes, as: UTF8.self).contains(canary))
            #expect(!(message.text ?? "").contains(canary) && !(message.html ?? "").contains(canary))
            #expect(!(message.text ?? "").contains("marc"), "who typed the briefing stays inside")
            #expect(!String(decoding: message.rawBytes, as: UTF8.self).contains("555 0199"), "nor the tech lead's phone")
            #expect(message.header("From") == "ACME Support <support@acme-support.example>")
            #expect(message.header("To") == "Jane Doe <jane@acme.example>")
        }
        let subjects = messages.compactMap { $0.header("Subject") }
        #expect(subjects.contains("[INC-1] Checkout failing · opened · first update by 14:30 CET"), "\(subjects)")
        #expect(subjects.contains("[INC-1] Checkout failing · update 1 · next update by 14:40 CET"), "\(subjects)")
        #expect(subjects.contains("[INC-1] Checkout failing · closed"), "\(subjects)")
        let opening = try #require(messages.first { $0.header("Subject")?.contains("opened") == true })
        let briefing = try #require(messages.first { $0.header("Subject")?.contains("update 1") == true })
        let root = try #require(opening.header("Message-ID"))
        #expect(briefing.header("In-Reply-To") == root && briefing.header("References") == root, "updates thread together")
        let body = try #require(briefing.text)
        for expected in ["Card payments fail for about 30% of EU customers", "Use PayPal at checkout",
                         "14:40 CET (13:40 UTC)", "the rollback takes 20 minutes", "Dana Ito", "+49 30 1234 567",
                         "Status: investigating"] {
            #expect(body.contains(expected), "\(expected) in \(body)")
        }
        // The preview printed the very text that arrived.
        let previewBody = preview.components(separatedBy: "\n\n").dropFirst(2).joined(separator: "\n\n")
        #expect(previewBody.contains(body.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n").prefix(8).joined(separator: "\n")),
                "preview:\n\(preview)\nreceived:\n\(body)")
        _ = all

        // The webhook: U0 got the 500 and was retried, U1 and the closure went through; every signature checks
        // out in Python, and no body carries the canary.
        let requests = try webhook.requests()
        #expect(requests.count == 4, "U0 twice (500, then 200), U1, the closure: \(requests.map(\.path))")
        for request in requests {
            #expect(request.signature == "valid", "\(request.signature ?? "no signature")")
            #expect(!String(decoding: request.body, as: UTF8.self).contains(canary))
            // The phone as it was typed: "0199" alone turns up by chance in a signature's hex or a timestamp
            // (CI met a header that did, four requests in the same second).
            #expect(!request.headers.values.contains { $0.contains(canary) || $0.contains("555 0199") || $0.contains("5550199") },
                    "\(request.headers)")
            #expect(!String(decoding: request.body, as: UTF8.self).contains("555 0199"), "nor the tech lead's phone")
        }
        shown = try team.ok(["subscribers"], at: "13:31:06")
        #expect(shown.contains("✓ webhook 127.0.0.1"), "\(shown)")
        #expect(!shown.contains("✗") && !shown.contains("trying again"), "\(shown)")
        let log = try team.ok(["log", "--json"], at: "13:31:06")
        #expect(log.contains("\"kind\":\"delivery\"") && log.contains("\"outcome\":\"delivered\""))
        #expect(!log.contains(Self.secret), "the secret is never printed again")
        // Each message carries the log's hash chain at its update, all 64 digits: the customer's witness.
        let logged = try log.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let briefingHash = try #require(logged.first { $0["kind"] as? String == "briefing" }?["hash"] as? String)
        #expect(body.contains("Log fingerprint: INC-1:\(briefingHash)."), "\(body)")
        #expect(try crisisVerifies(team, head: "INC-1:\(briefingHash)"), "the customer's fingerprint checks out")
        let briefingRequest = try #require(requests.first { String(decoding: $0.body, as: UTF8.self).contains("incident.briefing") })
        let sent = try #require(JSONSerialization.jsonObject(with: briefingRequest.body) as? [String: Any])
        #expect(sent["log_head"] as? String == "INC-1:\(briefingHash)")
        let debrief = try team.ok(["debrief"], at: "13:31:06")
        #expect(debrief.contains("## Sent to the customer") && debrief.contains("| delivered |"), "\(debrief)")
    }

    /// `crisis verify --head` on the team's store.
    private func crisisVerifies(_ team: Team, head: String) throws -> Bool {
        try team.run(["verify", "--head", head], at: "13:31:06", as: "auditor").status == 0
    }

    @Test func aMailSystemThatIsNotThereFailsOnRecordAndTheBriefingStays() throws {
        let mail = try MailCatcher()
        var team = try Team(mail: mail, webhook: nil)
        team.environment["CRISIS_SENDMAIL"] = team.home.path("no-such-sendmail")
        try team.ok(["open", "Checkout failing", "--severity", "3"], at: "13:00:00")
        try team.ok(["subscribe", "jane@acme.example"], at: "13:01:00")
        try team.ok(["brief", "Rolling back now", "--next", "30m"], at: "13:02:00")
        let look = try team.run(["watch", "--once"], at: "13:02:05", as: "watch")
        #expect(look.status == 0, "\(look.stderr)")
        #expect(look.stderr.contains("sendmail not found"), "\(look.stderr)")
        let shown = try team.ok(["show"], at: "13:03:00")
        #expect(shown.contains("U1 NOT DELIVERED to jane@acme.example"), "\(shown)")
        #expect(try team.ok(["log", "--channel", "business"], at: "13:03:00").contains("Rolling back now"))
        // Nothing is tried twice for a failure that cannot pass.
        try team.run(["watch", "--once"], at: "13:20:00", as: "watch")
        let log = try team.ok(["log", "--json"], at: "13:20:01")
        #expect(log.components(separatedBy: "\"kind\":\"delivery-claimed\"").count - 1 == 1,
                "U1 once; U0, never begun before U1 took its place, not at all")
        #expect(try team.ok(["subscribers"], at: "13:20:02").contains("– not sent to 1 subscriber: U1 took its place"))
        let explained = try team.run(["undelivered", "U1", "phoned Jane and read it to her"], at: "13:21:00")
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(try team.ok(["show"], at: "13:21:01").contains("U1 NOT DELIVERED") == false)
        #expect(try team.ok(["subscribers"], at: "13:21:01").contains("on record: phoned Jane and read it to her"))
        // The mail system is fixed: the update goes again, and arrives.
        var fixed = team
        fixed.environment["CRISIS_SENDMAIL"] = mail.sendmailCommandLine
        try fixed.ok(["redeliver", "U1"], at: "13:30:00")
        let again = try fixed.run(["watch", "--once"], at: "13:30:05", as: "watch")
        #expect(again.status == 0, "\(again.stderr)")
        let messages = try MailReader.read([try mail.waitForMessages(1)[0]])
        #expect(messages.first?.header("Subject")?.contains("update 1") == true)
        #expect(try fixed.ok(["subscribers"], at: "13:30:06").contains("✓ mailed to jane@acme.example"))
    }

    @Test func badSettingsAndAddressesAreRefusedInOneLine() throws {
        let mail = try MailCatcher()
        var team = try Team(mail: mail, webhook: nil)
        try team.ok(["open", "Checkout failing", "--severity", "3", "--customer", "ACME"], at: "13:00:00")
        for (address, expected) in [("http://hooks.acme.example/x", "https"), ("https://user:pw@hooks.acme.example/x", "credentials"),
                                    ("https://10.0.0.7/hook", "private"), ("https://127.0.0.1/hook", "private"),
                                    ("jane@@acme.example", "e-mail address")] {
            let refused = try team.run(["subscribe", address], at: "13:01:00")
            #expect(refused.status != 0)
            #expect(refused.stderr.contains(expected), "\(address): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        }
        #expect(try team.ok(["subscribers"], at: "13:01:01").contains("no subscribers"))
        team.environment["CRISIS_MAIL_FROM"] = "not an address"
        let watch = try team.run(["watch", "--once"], at: "13:02:00", as: "watch")
        #expect(watch.status != 0 && watch.stderr.contains("CRISIS_MAIL_FROM"), "\(watch.stderr)")
    }

    /// A receiver that keeps failing is retried with backoff for an hour, then given up on record and flagged.
    @Test func aWebhookThatKeepsFailingIsGivenUpOnAfterAnHour() throws {
        let mail = try MailCatcher()
        let webhook = try WebhookReceiver(responses: Array(repeating: .status(503, body: "maintenance"), count: 20),
                                          secret: Self.secret)
        let team = try Team(mail: mail, webhook: webhook)
        try team.ok(["open", "Checkout failing", "--severity", "3"], at: "13:00:00")
        try team.ok(["subscribe", "\(webhook.baseURL)/hook", "--secret", Self.secret, "--allow-private"], at: "13:01:00")
        // Each look comes a second after the retry it waits for: 30 s, then twice as long each time, 16 min at most.
        var now = Date(timeIntervalSince1970: 1_795_438_860) // 2026-11-23T13:01:00Z
        var looks = 0
        for wait in [0.0, 31, 61, 121, 241, 481, 961, 961, 961] {
            now = now.addingTimeInterval(wait)
            let time = String(Timestamp.iso8601(now).dropFirst(11).prefix(8))
            let look = try team.run(["watch", "--once"], at: time, as: "watch")
            #expect(look.status == 0, "\(look.stderr)")
            looks += 1
        }
        let requests = try webhook.requests()
        #expect(requests.count == 8, "one attempt per retry until the hour is up: \(requests.count) in \(looks) looks")
        #expect(requests.allSatisfy { $0.signature == "valid" })
        let shown = try team.ok(["subscribers"], at: "14:30:00")
        #expect(shown.contains("✗ webhook 127.0.0.1"), "\(shown)")
        #expect(shown.contains("gave up after 8 attempts"), "\(shown)")
        #expect(try team.ok(["show"], at: "14:30:00").contains("U0 NOT DELIVERED to webhook 127.0.0.1"))
    }
}
