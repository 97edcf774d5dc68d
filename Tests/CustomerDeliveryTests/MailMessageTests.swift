import CrisisTestSupport
@testable import CustomerDelivery
import Foundation
import IncidentModel
import Testing

/// Issue 14: the message a customer gets, read back by Python's e-mail parser as a mail client would.
@Suite(.enabled(if: MailReader.isAvailable, "python3 is not installed: apt-get install python3"))
struct MailMessageTests {
    @Test func aBriefingHasEveryHeaderAndBothPartsAndNothingTheParserObjectsTo() throws {
        let mail = try MailReader.parse(MailFixture.message(MailFixture.briefing()))
        #expect(mail.headerNames == MailFixture.briefingHeaders)
        #expect(mail.defects == [])
        #expect(mail.contentTypes == ["multipart/alternative", "text/plain", "text/html"])
        #expect(mail.header("From") == "Acme Status <status@acme.example>")
        #expect(mail.header("To") == "Jane Doe <jane@customer.example>")
        #expect(mail.header("Subject") == "[INC-12] Checkout failing · update 4 · next update by 14:40 CET")
        #expect(mail.header("Date") == "Sun, 29 Nov 2026 12:40:00 +0000")
        #expect(mail.header("Message-ID") == "<crisis.inc12.1795953600.u4@acme.example>")
        #expect(mail.header("In-Reply-To") == "<crisis.inc12.1795953600.u0@acme.example>")
        #expect(mail.header("References") == "<crisis.inc12.1795953600.u0@acme.example>")
        #expect(mail.header("List-Unsubscribe") == "<mailto:status@acme.example?subject=unsubscribe%20INC-12>")
        #expect(mail.header("Auto-Submitted") == "auto-generated")
        #expect(mail.longestLine <= 78)
    }

    @Test func bothPartsSayEverythingACustomerIsPromised() throws {
        let mail = try MailReader.parse(MailFixture.message(MailFixture.briefing()))
        let text = try #require(mail.text), html = try #require(mail.html)
        for part in [text, html] {
            #expect(part.contains("Checkout failing"))
            #expect(part.contains("INC-12 · update 4"))
            #expect(part.contains("Customer: Customer Example GmbH"))
            #expect(part.contains("Status: identified"))
            #expect(part.contains("Card payments fail for about 30 % of buyers."))
            #expect(part.contains("The payment gateway answers slowly."))
            #expect(part.contains("Workarounds on offer"))
            #expect(part.contains("Pay by invoice") && part.contains("Retry after five minutes"))
            #expect(part.contains("Next update by 14:40 CET (13:40 UTC), Sun 29 Nov"))
            #expect(part.contains("Why then: the traffic move takes an hour"))
            #expect(part.contains("Accountable: Raj Patel, +49 30 1234 5678"))
            #expect(part.contains("reply with the word"))
            #expect(part.contains("unsubscribe"))
        }
        #expect(text.contains("- Pay by invoice\n- Retry after five minutes"))
        #expect(html.contains("<li>Pay by invoice</li>"))
        #expect(html.contains("max-width:640px"))
    }

    @Test func theSubjectTellsTheReadersOwnClock() throws {
        let words = NoticeWording(MailFixture.briefing(), zone: MailFixture.utc)
        #expect(words.subject == "[INC-12] Checkout failing · update 4 · next update by 13:40 UTC")
        #expect(words.nextUpdate == "Next update by 13:40 UTC, Sun 29 Nov")
        let tokyo = NoticeWording(MailFixture.briefing(), zone: TimeZone(identifier: "Asia/Tokyo")!)
        #expect(tokyo.nextUpdate == "Next update by 22:40 JST (13:40 UTC), Sun 29 Nov")
        let lateInBerlin = MailFixture.briefing().nextUpdateAt!.addingTimeInterval(10 * 3600)
        let tomorrow = NoticeWording(CustomerNotice(occasion: .briefing, incident: IncidentID(12),
                                                    incidentOpenedAt: MailFixture.opened, sequence: 9,
                                                    postedAt: MailFixture.opened, title: "t", customer: nil,
                                                    status: .identified, impact: nil, updateNumber: 4, text: "x",
                                                    workarounds: [], nextUpdateAt: lateInBerlin,
                                                    nextUpdateReason: nil, contact: nil), zone: MailFixture.berlin)
        #expect(tomorrow.nextUpdate == "Next update by 00:40 CET (23:40 UTC), Mon 30 Nov", "the reader's day")
        // The subject alone is what an inbox shows: a promise on another day says which (found in review: "by
        // 03:00 EST" read at 04:31 EST looked broken).
        #expect(tomorrow.subject == "[INC-12] t · update 4 · next update by Mon 00:40 CET")
        #expect(NoticeWording(tomorrow.notice, zone: MailFixture.utc).subject == "[INC-12] t · update 4 · next update by 23:40 UTC",
                "the same day in UTC")
        let mail = try MailReader.parse(MailFixture.message(MailFixture.briefing(), zone: MailFixture.utc))
        #expect(mail.header("Subject") == "[INC-12] Checkout failing · update 4 · next update by 13:40 UTC")
    }

    @Test func theOpeningStartsTheThreadAndTheClosureEndsIt() throws {
        let directory = try TemporaryDirectory()
        let mails = try MailReader.parse([MailFixture.message(MailFixture.opening()),
                                          MailFixture.message(MailFixture.closure())], in: directory)
        let opening = mails[0], closure = mails[1]
        #expect(opening.header("Subject") == "[INC-12] Checkout failing · opened · first update by 14:40 CET")
        #expect(opening.header("Message-ID") == "<crisis.inc12.1795953600.u0@acme.example>")
        #expect(opening.header("In-Reply-To") == nil && opening.header("References") == nil)
        #expect(opening.text?.contains("INC-12 · opening notice") == true)
        #expect(closure.header("Subject") == "[INC-12] Checkout failing · closed")
        #expect(closure.header("In-Reply-To") == opening.header("Message-ID"))
        #expect(closure.header("References") == opening.header("Message-ID"))
        for part in [closure.text ?? "", closure.html ?? ""] {
            #expect(part.contains("No further updates are scheduled."))
            // The closure's text says it is closed ("This incident is closed: Bob confirmed …"); the line
            // after it no longer says so again (found in review).
            #expect(!part.contains("This incident is closed. No further"))
            #expect(!part.contains("Next update by"))
            #expect(part.contains("Accountable: Raj Patel"))
        }
        #expect(mails.allSatisfy { $0.defects.isEmpty })
    }

    @Test func nonASCIIGoesInEncodedWordsAndComesBackWhole() throws {
        let title = "Zürich — ☕ 事故"
        let customer = try MailAddress(parsing: "Zoë Müller-事故 <zoe@customer.example>")
        let message = MailFixture.message(MailFixture.briefing(title: title), to: customer)
        #expect(message.rendered.utf8.allSatisfy { $0 < 0x80 }, "every byte of the message is ASCII")
        let mail = try MailReader.parse(message)
        #expect(mail.header("Subject") == "[INC-12] \(title) · update 4 · next update by 14:40 CET")
        #expect(mail.header("To") == "Zoë Müller-事故 <zoe@customer.example>")
        #expect(mail.text?.hasPrefix(title + "\n") == true)
        #expect(mail.html?.contains(title) == true)
        #expect(mail.defects == [])
        #expect(mail.longestLine <= 78)
    }

    @Test func aLongSubjectIsFoldedAndReadBackAsOneLine() throws {
        let title = Array(repeating: "the payment gateway in the second region answers slowly", count: 2)
            .joined(separator: " and ")
        let mail = try MailReader.parse(MailFixture.message(MailFixture.briefing(title: title)))
        #expect(mail.header("Subject") == "[INC-12] \(title) · update 4 · next update by 14:40 CET")
        #expect(mail.rawHeaderLines.filter { $0.hasPrefix(" ") }.count >= 1, "folded")
        #expect(mail.longestLine <= 78)
    }

    @Test func theSameNoticeIsTheSameMessage() {
        let first = MailFixture.message(MailFixture.briefing()).data
        let second = MailFixture.message(MailFixture.briefing()).data
        #expect(first == second, "a retried hand-off sends the same Message-ID and bytes")
    }

    @Test func unsubscribeAddressesArePercentEncoded() {
        #expect(MailMessage.mailtoAddress("a+b@x.example") == "a+b@x.example")
        #expect(MailMessage.mailtoAddress("a=b&c?d#e%f@x.example") == "a%3Db%26c%3Fd%23e%25f@x.example")
        #expect(MailMessage.percentEncoded("unsubscribe INC-12") == "unsubscribe%20INC-12")
    }
}
