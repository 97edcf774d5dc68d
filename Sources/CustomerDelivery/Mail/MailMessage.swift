import Foundation
import IncidentModel

/// The whole RFC 5322 message for one recipient of one `CustomerNotice`, ready for `sendmail -t -i`: headers,
/// and a multipart/alternative body with a text part and an HTML part saying the same things.
///
/// Pure: the same notice, sender, recipient and zone always give the same bytes (Message-ID, boundary and
/// Date come from the notice), so a retried hand-off is the same message and receivers can drop the copy.
/// Lines end in LF, as sendmail's standard input expects; the MTA writes CRLF on the wire.
public struct MailMessage: Sendable {
    public let notice: CustomerNotice
    public let from: MailAddress
    public let to: MailAddress
    /// The recipient's zone, for every time in the message.
    public let zone: TimeZone

    public init(_ notice: CustomerNotice, from: MailAddress, to: MailAddress, zone: TimeZone) {
        self.notice = notice
        self.from = from
        self.to = to
        self.zone = zone
    }

    /// `<crisis.inc12.1764423600.u4@acme.example>`: the incident (its number and the second it was opened,
    /// which tells apart two incidents given the same number in different stores) and the update.
    public var messageID: String { Self.messageID(notice, update: notice.externalID, domain: from.domain) }

    /// The opening notice's Message-ID (update 0), which every later notice replies to, so a mail client shows
    /// one thread per incident.
    public var threadRootID: String { Self.messageID(notice, update: "u0", domain: from.domain) }

    /// The message, as bytes for sendmail.
    public var data: Data { Data(rendered.utf8) }

    /// The message as text, lines joined with LF.
    public var rendered: String {
        let words = NoticeWording(notice, zone: zone)
        let boundary = "=_crisis_\(notice.incident.number)_\(notice.externalID)"
        var lines = [
            MailHeaderLine.address("From", from),
            MailHeaderLine.address("To", to),
            MailHeaderLine.unstructured("Subject", words.subject),
            MailHeaderLine.structured("Date", Self.rfc5322Date(notice.postedAt)),
            MailHeaderLine.structured("Message-ID", messageID),
        ]
        if notice.occasion != .opened {
            lines.append(MailHeaderLine.structured("In-Reply-To", threadRootID))
            lines.append(MailHeaderLine.structured("References", threadRootID))
        }
        lines += [
            MailHeaderLine.structured("List-Unsubscribe", "<mailto:\(Self.mailtoAddress(from.address))"
                + "?subject=\(Self.percentEncoded("unsubscribe \(notice.incident)"))>"),
            // Out-of-office replies and other robots leave auto-generated mail alone (RFC 3834).
            MailHeaderLine.structured("Auto-Submitted", "auto-generated"),
            MailHeaderLine.structured("MIME-Version", "1.0"),
            MailHeaderLine.structured("Content-Type", "multipart/alternative; boundary=\"\(boundary)\""),
            "",
            "This is a multi-part message in MIME format.",
            "",
            "--" + boundary,
            MailHeaderLine.structured("Content-Type", "text/plain; charset=utf-8"),
            MailHeaderLine.structured("Content-Transfer-Encoding", "base64"),
            "",
            Self.base64Lines(MailText.plain(words)),
            "",
            "--" + boundary,
            MailHeaderLine.structured("Content-Type", "text/html; charset=utf-8"),
            MailHeaderLine.structured("Content-Transfer-Encoding", "base64"),
            "",
            Self.base64Lines(MailText.html(words)),
            "",
            "--" + boundary + "--",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// The message as its reader sees it in a mail client: the headers people read, then the text part.
    /// What `brief --preview` and the composer's preview print; the bytes sent are `rendered`.
    public var readable: String {
        let words = NoticeWording(notice, zone: zone)
        return ["From: \(from)", "To: \(to)", "Subject: \(words.subject)", "Date: \(Self.rfc5322Date(notice.postedAt))",
                "", MailText.plain(words)].joined(separator: "\n")
    }

    // MARK: -

    static func messageID(_ notice: CustomerNotice, update: String, domain: String) -> String {
        let opened = Int(notice.incidentOpenedAt.timeIntervalSince1970.rounded(.down))
        return "<crisis.inc\(notice.incident.number).\(opened).\(update)@\(domain)>"
    }

    /// Base64 in lines of 76, the MIME limit: the text of the notice, whatever it holds (a 2000-character
    /// word, a line that starts with a dot or `From `), reaches the reader byte for byte.
    static func base64Lines(_ text: String) -> String {
        Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 29 Nov 2026 13:40:00 +0000` (RFC 5322 3.3), in UTC, with English names whatever the locale.
    static func rfc5322Date(_ date: Date) -> String {
        let fields = NoticeWording.fields(date, in: TimeZone(identifier: "UTC")!)
        return "\(weekdays[fields.weekday! - 1]), \(fields.day!) \(months[fields.month! - 1]) \(fields.year!) "
            + [fields.hour!, fields.minute!, fields.second!].map(NoticeWording.twoDigits).joined(separator: ":") + " +0000"
    }

    /// RFC 6068: in a mailto address, what is not unreserved or one of `some-delims` is percent-encoded
    /// (`%`, `?`, `#`, `&`, `=` among them), so `a=b@x` cannot start a second header field of the URL.
    static func mailtoAddress(_ address: String) -> String {
        percentEncoded(address, keeping: "!$'()*+,;:@")
    }

    /// Percent-encodes every byte that is not an unreserved character or in `keeping`.
    static func percentEncoded(_ text: String, keeping: String = "") -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let kept = Set(keeping.utf8)
        return text.utf8.map { byte in
            unreserved.contains(byte) || kept.contains(byte)
                ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined()
    }
}
