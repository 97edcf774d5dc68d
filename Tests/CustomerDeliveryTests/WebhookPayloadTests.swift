import CustomerDelivery
import Foundation
import IncidentModel
import Testing

struct WebhookPayloadTests {
    static func object(_ payload: WebhookPayload) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: payload.body) as? [String: Any])
    }

    @Test func aBriefingHasExactlyTheDocumentedFields() throws {
        let payload = try WebhookPayload(WebhookFixtures.briefing())
        #expect(payload.type == "incident.briefing")
        #expect(payload.deliveryID == "inc12-1795442709-u3")
        let json = try Self.object(payload)
        #expect(Set(json.keys) == ["type", "id", "incident", "update", "workarounds", "next_update", "contact", "log_head"])
        #expect(json["log_head"] is NSNull, "a notice made without hashes has no head to send")
        #expect(json["type"] as? String == "incident.briefing")
        #expect(json["id"] as? String == "inc12-1795442709-u3")
        let incident = try #require(json["incident"] as? [String: Any])
        #expect(Set(incident.keys) == ["id", "title", "status", "impact", "customer"])
        #expect(incident["id"] as? String == "INC-12")
        #expect(incident["title"] as? String == "Checkout fails")
        #expect(incident["status"] as? String == "identified")
        #expect(incident["impact"] as? String == "EU card payments fail")
        #expect(incident["customer"] as? String == "Acme GmbH")
        let update = try #require(json["update"] as? [String: Any])
        #expect(Set(update.keys) == ["number", "text", "posted_at"])
        #expect(update["number"] as? Int == 3)
        #expect(update["text"] as? String == "Card payments fail for EU customers; we are failing over.")
        #expect(update["posted_at"] as? String == "2026-11-23T14:35:09.123Z")
        #expect(json["workarounds"] as? [String] == ["Pay by invoice"])
        let next = try #require(json["next_update"] as? [String: Any])
        #expect(Set(next.keys) == ["at", "reason"])
        #expect(next["at"] as? String == "2026-11-23T15:05:09.000Z")
        #expect(next["reason"] as? String == "the failover takes twenty minutes")
        let contact = try #require(json["contact"] as? [String: Any])
        #expect(contact as? [String: String] == ["name": "Dana Reyes", "phone": "+49 30 1234567"])
    }

    /// Nothing promised, nobody named: the fields are there, as null, so a receiver never meets a missing key.
    @Test func theClosureWritesNullsRatherThanLeavingFieldsOut() throws {
        let payload = try WebhookPayload(WebhookFixtures.closure())
        #expect(payload.type == "incident.closed")
        #expect(payload.deliveryID == "inc12-1795442709-u4")
        let json = try Self.object(payload)
        #expect(json["next_update"] is NSNull)
        #expect(json["contact"] is NSNull)
        #expect(json["workarounds"] as? [String] == [])
        let incident = try #require(json["incident"] as? [String: Any])
        #expect(incident["impact"] is NSNull)
        #expect(incident["customer"] is NSNull)
        #expect(incident["status"] as? String == "closed")
        let withoutPhone = try Self.object(WebhookPayload(WebhookFixtures.briefing(
            reason: nil, contact: CustomerContact(name: "Dana Reyes", phone: nil))))
        #expect((withoutPhone["contact"] as? [String: Any])?["phone"] is NSNull)
        #expect((withoutPhone["next_update"] as? [String: Any])?["reason"] is NSNull)
    }

    @Test func theOpeningNoticeIsIncidentOpened() throws {
        let notice = WebhookFixtures.briefing()
        let opening = CustomerNotice(
            occasion: .opened, incident: notice.incident, incidentOpenedAt: notice.incidentOpenedAt, sequence: 1,
            postedAt: notice.incidentOpenedAt, title: notice.title, customer: notice.customer, status: .investigating,
            impact: nil, updateNumber: 0, text: "We are looking into it.", workarounds: [], nextUpdateAt: notice.nextUpdateAt,
            nextUpdateReason: nil, contact: nil)
        let payload = try WebhookPayload(opening)
        #expect(payload.type == "incident.opened")
        #expect(payload.deliveryID == "inc12-1795442709-u0")
        #expect((try Self.object(payload)["update"] as? [String: Any])?["number"] as? Int == 0)
    }

    /// The same notice is the same bytes: a retry sends (and signs) what the first attempt sent.
    @Test func theBodyIsStableAndSorted() throws {
        let first = try WebhookPayload(WebhookFixtures.briefing())
        #expect(first == (try WebhookPayload(WebhookFixtures.briefing())))
        let text = String(decoding: first.body, as: UTF8.self)
        #expect(text.hasPrefix(#"{"contact":{"name":"Dana Reyes","phone":"+49 30 1234567"},"id":"inc12-1795442709-u3","incident":"#),
                "\(text)")
    }

    /// The project's hostile strings (terminal escapes, bidi overrides, invisible characters, JSON and HTML
    /// breakers, line separators) stay data: valid JSON, read back unchanged.
    static let hostile: [String] = [
        "\u{1B}[2J", "\u{1B}]0;pwned\u{07}", "\u{1B}]52;c;aGVsbG8=\u{07}", "\u{9B}2J", "\u{9D}0;c1title\u{07}",
        "abc\u{08}\u{08}X", "left\rRIGHT", "line\nbreak\r\n", "tab\there", "nul\u{0}byte",
        "pay \u{202E}fdp.exe invoice", "x\u{200B}y\u{2060}z\u{FEFF}", "\u{2066}isolate\u{2069}",
        "quote \" backslash \\ slash /", "\"},\"type\":\"incident.closed", "</script><script>alert(1)</script>",
        "line\u{2028}separator\u{2029}paragraph", "Z̴̢̧̛̛͓̺̗̗̙̀̀̂̈́̀̈́a̸̢̧̰̦͍̯͊̄͊̍̕l̶̡̛̠̘̹͈͊̈́̑͌̋g̷̢̛̖̳̙̓̀͊͠o", "中文字 👨‍👩‍👧 🇪🇺 e\u{301}\u{302}",
        "\u{7F}\u{85}\u{A0}", String(repeating: "long ", count: 2000),
    ]

    @Test(arguments: hostile)
    func hostileTextRoundTripsAsData(text: String) throws {
        let notice = WebhookFixtures.briefing(text: text, title: text, customer: text, impact: text,
                                              workarounds: [text, text], reason: text,
                                              contact: CustomerContact(name: text, phone: text))
        let payload = try WebhookPayload(notice)
        let json = try Self.object(payload)
        #expect(json["type"] as? String == "incident.briefing", "a text cannot change the event type")
        #expect((json["update"] as? [String: Any])?["text"] as? String == text)
        #expect((json["incident"] as? [String: Any])?["title"] as? String == text)
        #expect((json["incident"] as? [String: Any])?["customer"] as? String == text)
        #expect((json["incident"] as? [String: Any])?["impact"] as? String == text)
        #expect(json["workarounds"] as? [String] == [text, text])
        #expect((json["next_update"] as? [String: Any])?["reason"] as? String == text)
        #expect((json["contact"] as? [String: Any])?["name"] as? String == text)
        // Raw control characters never reach the body: JSON needs them escaped.
        #expect(!payload.body.contains { $0 < 0x20 }, "a raw control character in the body")
    }
}
