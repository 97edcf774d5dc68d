import CrisisTestSupport
@testable import CustomerDelivery
import Foundation
import IncidentModel
import Testing

/// Issue 14 end to end: a notice rendered, handed to a real sendmail (msmtp, from `CRISIS_SENDMAIL`), sent
/// over SMTP to a real server (aiosmtpd on loopback), and read back from the mailbox by Python's parser.
@Suite(.enabled(if: MailCatcher.isAvailable, Comment(rawValue: MailCatcher.unavailable)))
struct MailDeliveryTests {
    /// Put in no notice here; no delivered byte may hold it.
    static let canary = "CANARY-technical-note-5f1d"

    @Test func twoNoticesOfOneIncidentArriveThreadedInTheReadersZone() throws {
        let catcher = try MailCatcher()
        let settings = try MailSettings.fromEnvironment([
            "CRISIS_MAIL_FROM": "Acme Status <status@acme.example>",
            "CRISIS_SENDMAIL": catcher.sendmailCommandLine,
            "CRISIS_SENDMAIL_TIMEOUT": "20",
        ])
        let sendmail = Sendmail(settings: settings)
        for notice in [MailFixture.opening(), MailFixture.briefing()] {
            let outcome = sendmail.send(MailMessage(notice, from: settings.from, to: MailFixture.jane,
                                                    zone: MailFixture.berlin))
            #expect(outcome.isAccepted, "\(outcome)")
            #expect(outcome.description.hasPrefix("handed to sendmail in "))
        }
        try catcher.waitForMessages(2)
        let mails = try MailReader.read([catcher.mailbox])
        try #require(mails.count == 2)
        let opening = mails[0], briefing = mails[1]
        for mail in mails {
            #expect(mail.envelope?.mail_from == "status@acme.example")
            #expect(mail.envelope?.rcpt_tos == ["jane@customer.example"])
            #expect(mail.header("From") == "Acme Status <status@acme.example>")
            #expect(mail.header("To") == "Jane Doe <jane@customer.example>")
            #expect(mail.defects == [])
            #expect(mail.longestLine <= 998)
            #expect(!mail.rawBytes.contains(Data(Self.canary.utf8)))
        }
        #expect(opening.header("Subject") == "[INC-12] Checkout failing · opened · first update by 14:40 CET")
        #expect(briefing.header("Subject") == "[INC-12] Checkout failing · update 4 · next update by 14:40 CET")
        #expect(briefing.header("In-Reply-To") == opening.header("Message-ID"))
        #expect(briefing.header("References") == opening.header("Message-ID"))
        #expect(opening.header("Message-ID") == "<crisis.inc12.1795953600.u0@acme.example>")
        #expect(briefing.text?.contains("Next update by 14:40 CET (13:40 UTC), Sun 29 Nov") == true)
        #expect(briefing.html?.contains("Next update by 14:40 CET (13:40 UTC), Sun 29 Nov") == true)
    }

    @Test func anInjectedBccReachesNobody() throws {
        let catcher = try MailCatcher()
        let sendmail = Sendmail(command: catcher.sendmailCommand)
        let notice = MailFixture.briefing(title: "x\r\nBcc: evil@attacker.example\nCc: evil2@attacker.example",
                                          text: "y\n\nBcc: evil3@attacker.example")
        let outcome = sendmail.send(MailFixture.message(notice))
        #expect(outcome.isAccepted, "\(outcome)")
        let mail = try #require(try MailReader.read(catcher.waitForMessages(1)).first)
        // sendmail -t sends to every To, Cc and Bcc it finds: the envelope is the proof.
        #expect(mail.envelope?.rcpt_tos == ["jane@customer.example"])
        #expect(mail.headerNames == MailFixture.briefingHeaders)
    }

    @Test func aRecipientTheServerRefusesIsAPermanentFailureWithMsmtpsWords() throws {
        let catcher = try MailCatcher()
        let refused = try MailAddress(parsing: "refused@customer.example")
        let outcome = Sendmail(command: catcher.sendmailCommand).send(MailFixture.message(MailFixture.briefing(), to: refused))
        guard case .permanentFailure = outcome else {
            Issue.record("expected a permanent failure: \(outcome)")
            return
        }
        #expect(!outcome.isTemporary)
        #expect(outcome.description.contains("refused@customer.example not accepted"), "\(outcome)")
        #expect(catcher.messages().isEmpty)
    }
}
