import CrisisTestSupport
@testable import CustomerDelivery
import Foundation
import IncidentModel

/// Notices to mail, and Python's e-mail parser to read what was made, as a mail client would.
enum MailFixture {
    /// Sun 29 Nov 2026, 12:00 UTC: INC-12 opened.
    static let opened = Date(timeIntervalSince1970: 1_795_953_600)
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let utc = TimeZone(identifier: "UTC")!
    static let from = try! MailAddress(parsing: "Acme Status <status@acme.example>")
    static let jane = try! MailAddress(parsing: "Jane Doe <jane@customer.example>")

    /// Event 1 of INC-12, the opening notice, first update promised by 13:40 UTC.
    static func opening() -> CustomerNotice {
        CustomerNotice(occasion: .opened, incident: IncidentID(12), incidentOpenedAt: opened, sequence: 1,
                       postedAt: opened, title: "Checkout failing", customer: "Customer Example GmbH",
                       status: .investigating, impact: nil, updateNumber: 0,
                       text: "We are investigating failed checkouts.", workarounds: [],
                       nextUpdateAt: opened.addingTimeInterval(100 * 60), nextUpdateReason: "first findings by then",
                       contact: CustomerContact(name: "Raj Patel", phone: "+49 30 1234 5678"))
    }

    /// The fourth briefing of INC-12 (event 9), next update by 13:40 UTC, 14:40 in Berlin.
    static func briefing(title: String = "Checkout failing", customer: String? = "Customer Example GmbH",
                         impact: String? = "Card payments fail for about 30 % of buyers.",
                         text: String = "The payment gateway answers slowly.\nWe are moving traffic to the second region.",
                         workarounds: [String] = ["Pay by invoice", "Retry after five minutes"],
                         reason: String? = "the traffic move takes an hour",
                         contact: CustomerContact? = CustomerContact(name: "Raj Patel", phone: "+49 30 1234 5678"),
                         sequence: Int = 9) -> CustomerNotice {
        CustomerNotice(occasion: .briefing, incident: IncidentID(12), incidentOpenedAt: opened, sequence: sequence,
                       postedAt: opened.addingTimeInterval(40 * 60), title: title, customer: customer,
                       status: .identified, impact: impact, updateNumber: 4, text: text, workarounds: workarounds,
                       nextUpdateAt: opened.addingTimeInterval(100 * 60), nextUpdateReason: reason, contact: contact)
    }

    /// The closure of INC-12 (event 14), update 5.
    static func closure() -> CustomerNotice {
        CustomerNotice(occasion: .closed, incident: IncidentID(12), incidentOpenedAt: opened, sequence: 14,
                       postedAt: opened.addingTimeInterval(180 * 60), title: "Checkout failing",
                       customer: "Customer Example GmbH", status: .closed, impact: nil, updateNumber: 5,
                       text: "Checkouts work again.", workarounds: [], nextUpdateAt: nil, nextUpdateReason: nil,
                       contact: CustomerContact(name: "Raj Patel", phone: nil))
    }

    static func message(_ notice: CustomerNotice, to: MailAddress = jane, zone: TimeZone = berlin) -> MailMessage {
        MailMessage(notice, from: from, to: to, zone: zone)
    }

    /// The headers a briefing carries, in order: no more, no fewer.
    static let briefingHeaders = ["From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
                                  "List-Unsubscribe", "Auto-Submitted", "MIME-Version", "Content-Type"]
}

/// One message as Python's `email` package (policy.default) read it; see Support/mail/read-mailbox.py.
struct ParsedMail: Decodable {
    struct Tag: Decodable {
        let tag: String
        let attributes: [[String]]
    }

    struct Envelope: Decodable {
        let mail_from: String
        let rcpt_tos: [String]
    }

    let file: String
    let headerNames: [String]
    let headers: [String: [String]]
    let contentTypes: [String]
    let text: String?
    let html: String?
    let htmlTags: [Tag]
    let htmlComments: Int
    let defects: [String]
    let raw: String
    let longestLine: Int
    let envelope: Envelope?

    func header(_ name: String) -> String? { headers[name.lowercased()]?.first }

    var rawBytes: Data { Data(base64Encoded: raw)! }

    /// The header section as delivered, lines without their CR.
    var rawHeaderLines: [String] {
        let text = String(decoding: rawBytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let head = text.components(separatedBy: "\n\n").first ?? ""
        return head.components(separatedBy: "\n")
    }
}

enum MailReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let python = "/usr/bin/python3"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: python) }
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Support/mail/read-mailbox.py").path

    /// Every message in `paths` (files, or directories of `.eml` files), read by the Python script.
    static func read(_ paths: [String]) throws -> [ParsedMail] {
        let result = try Subprocess.run(python, [script] + paths)
        guard result.status == 0 else {
            throw Failure(description: "read-mailbox.py failed: \(result.stderr)")
        }
        return try JSONDecoder().decode([ParsedMail].self, from: Data(result.stdout.utf8))
    }

    /// Writes each message to a file of its own in `directory`, reads them all in one run of Python.
    static func parse(_ messages: [MailMessage], in directory: TemporaryDirectory) throws -> [ParsedMail] {
        var paths: [String] = []
        for (index, message) in messages.enumerated() {
            let path = directory.path(String(format: "%04d.eml", index))
            try message.data.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return try read(paths)
    }

    static func parse(_ message: MailMessage) throws -> ParsedMail {
        let directory = try TemporaryDirectory()
        return try parse([message], in: directory)[0]
    }
}
