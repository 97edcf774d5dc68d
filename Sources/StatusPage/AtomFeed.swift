import Foundation
import IncidentModel

/// One customer's status page as an Atom feed (RFC 4287): an entry for every notice they were sent, the
/// opening, each briefing and the closure, of every incident on the page, newest first. Made from the page
/// alone, so it carries the business channel and nothing else.
///
/// Pure: the same page, URLs and zone give the same bytes. Ids are `tag:` URIs (RFC 4151) made from what
/// never changes (the customer's name, the incident's id, when it opened, the notice's place in the log),
/// so a feed reader shows each notice once however often it polls and whichever server it polls.
///
///     AtomFeed(page: page, pageURL: "https://status.example/acme", feedURL: "https://status.example/acme.atom",
///              zone: TimeZone(identifier: "Europe/Berlin")!).xml
public struct AtomFeed: Sendable {
    public let page: CustomerPage
    /// The HTML page, the feed's `alternate`.
    public let pageURL: String
    /// Where this feed is read, its `self`.
    public let feedURL: String
    /// The zone the customer reads times in; UTC is given beside every local time.
    public let zone: TimeZone

    public init(page: CustomerPage, pageURL: String, feedURL: String, zone: TimeZone) {
        self.page = page
        self.pageURL = pageURL
        self.feedURL = feedURL
        self.zone = zone
    }

    /// The whole feed document, UTF-8 text.
    public var xml: String {
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom">"#,
            "  " + element("id", Self.feedID(customer: page.customer)),
            "  " + element("title", Self.oneLine(page.customer) + " status"),
            "  " + element("updated", Self.rfc3339(page.updatedAt ?? page.now)),
            "  <author>" + element("name", "crisis") + "</author>",
            "  " + link(rel: "self", href: feedURL, type: "application/atom+xml"),
            "  " + link(rel: "alternate", href: pageURL, type: "text/html"),
        ]
        for notice in notices {
            lines += entry(notice).map { "  " + $0 }
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every notice of every incident on the page, newest first; notices posted in the same millisecond
    /// keep one order (the newer incident, then the later event first), so two renders list them alike.
    var notices: [CustomerNotice] {
        page.incidents.flatMap(\.updates).sorted {
            ($0.postedAt, $0.incidentOpenedAt, $0.incident, $0.sequence)
                > ($1.postedAt, $1.incidentOpenedAt, $1.incident, $1.sequence)
        }
    }

    private func entry(_ notice: CustomerNotice) -> [String] {
        [
            "<entry>",
            "  " + element("id", Self.entryID(notice)),
            "  " + element("title", title(notice)),
            "  " + element("published", Self.rfc3339(notice.postedAt)),
            "  " + element("updated", Self.rfc3339(notice.postedAt)),
            "  " + link(rel: "alternate", href: pageURL, type: "text/html"),
            #"  <content type="text">"# + HTMLEscaping.escape(content(notice)) + "</content>",
            "</entry>",
        ]
    }

    /// `INC-7 · Update 2 · Checkout failing for EU cards`; the opening says `Opened`, the closure `Closed`.
    func title(_ notice: CustomerNotice) -> String {
        let occasion = switch notice.occasion {
        case .opened: "Opened"
        case .briefing: "Update \(notice.updateNumber)"
        case .closed: "Closed"
        }
        return "\(notice.incident) · \(occasion) · \(Self.oneLine(notice.title))"
    }

    /// What the notice says, then where the incident stands as of it: status, impact, workarounds on offer,
    /// whom to call, and when we speak next.
    func content(_ notice: CustomerNotice) -> String {
        var lines = [notice.text, "", "Status: \(notice.status)"]
        if let impact = notice.impact { lines.append("Impact: " + impact) }
        if !notice.workarounds.isEmpty {
            lines.append("Workarounds:")
            lines += notice.workarounds.map { "- " + $0 }
        }
        if let contact = notice.contact {
            let phone = contact.phone.map(Self.oneLine).flatMap { $0.isEmpty ? nil : ", " + $0 } ?? ""
            lines.append("Contact: " + Self.oneLine(contact.name) + phone)
        }
        if notice.occasion == .closed {
            lines.append("No further update is planned: this incident is closed.")
        } else if let next = notice.nextUpdateAt {
            lines.append("Next update by " + promised(next, postedAt: notice.postedAt))
        }
        return lines.joined(separator: "\n")
    }

    /// `14:40 CET (13:40Z)`, with the day (`Mon Nov 30 09:00 CET (08:00Z)`) when the promise falls on another
    /// local day than the notice: as every other place in crisis writes a time.
    func promised(_ next: Date, postedAt: Date) -> String {
        TimeDisplay(timeZone: zone).absolute(next, now: postedAt)
    }

    private func element(_ name: String, _ text: String) -> String {
        "<\(name)>" + HTMLEscaping.escape(text) + "</\(name)>"
    }

    private func link(rel: String, href: String, type: String) -> String {
        #"<link rel="\#(rel)" type="\#(type)" href=""# + HTMLEscaping.escape(href) + #""/>"#
    }

    // MARK: Ids and times

    /// Who mints the ids, and since when (RFC 4151): fixed, since an id must never change.
    static let tagAuthority = "tag:crisis,2026:"

    /// `tag:crisis,2026:customer/acme%20corp`: the name lowercased, as the page matches it, so a newer
    /// incident spelling it `ACME Corp` leaves the feed's id alone; percent-encoded, so any name makes a URI.
    static func feedID(customer: String) -> String {
        tagAuthority + "customer/" + percentEncoded(customer.lowercased())
    }

    /// `tag:crisis,2026:INC-7/1764423600/u4`: the incident (its id and the second it opened, which tells apart
    /// two incidents given the same number by different stores) and the update, as Message-IDs are.
    static func entryID(_ notice: CustomerNotice) -> String {
        let opened = Int(notice.incidentOpenedAt.timeIntervalSince1970.rounded(.down))
        return tagAuthority + "\(notice.incident)/\(opened)/\(notice.externalID)"
    }

    /// Every UTF-8 byte but RFC 3986's unreserved characters as `%XX`: the result is plain ASCII that is
    /// valid anywhere in a URI.
    static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    /// `2026-11-29T13:40:00Z`: RFC 3339 in UTC, to the second, as feed readers expect.
    static func rfc3339(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// Line breaks as spaces, for the places a reader shows one line (titles, names).
    static func oneLine(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars
        return String(String.UnicodeScalarView(lines.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
