@testable import CustomerDelivery
import Foundation
import IncidentModel
import Testing

/// Issue 14: addresses checked before they reach a header or a command line, and the mail settings read
/// from the environment, each bad value refused in one line that names the variable and what it accepts.
@Suite struct MailSettingsTests {
    @Test(arguments: [
        ("Jane Doe <jane@acme.example>", "jane@acme.example", "Jane Doe"),
        ("jane@acme.example", "jane@acme.example", nil),
        ("  <jane@acme.example>  ", "jane@acme.example", nil),
        ("\"Doe, Jane\" <jane.doe+status@mail.acme.example>", "jane.doe+status@mail.acme.example", "Doe, Jane"),
        ("Zoë <zoe@acme.example>", "zoe@acme.example", "Zoë"),
        ("crisis@buildhost", "crisis@buildhost", nil),
    ] as [(String, String, String?)])
    func addressesAreRead(text: String, address: String, name: String?) throws {
        let parsed = try MailAddress(parsing: text)
        #expect(parsed.address == address)
        #expect(parsed.displayName == name)
        #expect(parsed.domain == String(address.split(separator: "@")[1]))
    }

    @Test(arguments: [
        ("jane@acme.example\r\nBcc: evil@x.example", "control"), ("jane@acme.example\n", "control"),
        ("Jane\u{85} <jane@acme.example>", "control"), ("jane", "no @"), ("jane@@acme.example", "more than one @"),
        ("jane doe@acme.example", "space"), ("jané@acme.example", "ASCII"), ("@acme.example", "before @"),
        ("jane@", "host name"), ("jane@acme..example", "host name"), ("jane.@acme.example", "before @"),
        ("jane@-acme.example", "host name"), ("Jane <jane@acme.example> <x@y.example>", "one mail address"),
        ("jane@acme.example>", "host name"), ("", "empty"), ("jane\"x@acme.example", "before @"),
    ])
    func badAddressesAreRefusedSayingWhatIsAccepted(text: String, mentions: String) {
        let error = #expect(throws: CommandError.self) { try MailAddress(parsing: text) }
        let message = error?.message ?? ""
        #expect(message.contains(mentions), "\(message)")
        #expect(message.contains("name@example.com") && !message.contains("\n"), "\(message)")
    }

    @Test func theDefaultsAreTheHostsSendmailAndCrisisAtThisHost() throws {
        let settings = try MailSettings.fromEnvironment([:], hostname: "ops1.acme.example", isExecutable: { _ in false })
        #expect(settings.from.description == "crisis <crisis@ops1.acme.example>")
        #expect(settings.sendmailCommand == ["/usr/sbin/sendmail"])
        #expect(settings.timeout == 30)
        let old = try MailSettings.fromEnvironment([:], hostname: "ops1", isExecutable: { $0 == "/usr/lib/sendmail" })
        #expect(old.sendmailCommand == ["/usr/lib/sendmail"])
        let odd = try MailSettings.fromEnvironment([:], hostname: "build_box", isExecutable: { _ in true })
        #expect(odd.from.address == "crisis@localhost")
    }

    @Test func theEnvironmentNamesSenderCommandAndTimeLimit() throws {
        let settings = try MailSettings.fromEnvironment([
            "CRISIS_MAIL_FROM": "Acme Status <status@acme.example>",
            "CRISIS_SENDMAIL": "msmtp  -C /etc/msmtprc-crisis",
            "CRISIS_SENDMAIL_TIMEOUT": "2.5",
        ])
        #expect(settings.from == (try MailAddress(address: "status@acme.example", displayName: "Acme Status")))
        #expect(settings.sendmailCommand == ["msmtp", "-C", "/etc/msmtprc-crisis"])
        #expect(settings.timeout == 2.5)
    }

    @Test(arguments: [
        ("CRISIS_MAIL_FROM", "not an address", "CRISIS_MAIL_FROM"),
        ("CRISIS_MAIL_FROM", "x@y.example\nBcc: z@y.example", "CRISIS_MAIL_FROM"),
        ("CRISIS_SENDMAIL", "   ", "CRISIS_SENDMAIL is empty"),
        ("CRISIS_SENDMAIL", "msmtp\t-C x", "CRISIS_SENDMAIL"),
        ("CRISIS_SENDMAIL_TIMEOUT", "soon", "0.1 to 240"),
        ("CRISIS_SENDMAIL_TIMEOUT", "0", "0.1 to 240"),
        ("CRISIS_SENDMAIL_TIMEOUT", "nan", "0.1 to 240"),
        ("CRISIS_SENDMAIL_TIMEOUT", "601", "CRISIS_SENDMAIL_TIMEOUT"),
    ])
    func badSettingsAreRefusedInOneLine(variable: String, value: String, mentions: String) {
        let error = #expect(throws: CommandError.self) { try MailSettings.fromEnvironment([variable: value]) }
        let message = error?.message ?? ""
        #expect(message.contains(mentions) && message.contains(variable), "\(message)")
        #expect(!message.contains("\n"))
    }
}
