import Foundation
import IncidentModel

/// The words every customer channel shares (mail, webhook, status page), so a customer reads the same
/// subject, the same promise and the same contact wherever the update reaches them.
///
/// People's text comes out free of control characters: one-line parts (title, customer, names, reasons) as
/// one line, with a line break shown as `↵`, and the multi-line parts (the text, impact, workarounds) with
/// their line breaks kept and nothing else. A channel still escapes for its own format (HTML, JSON, headers).
///
///     let words = NoticeWording(notice, zone: TimeZone(identifier: "Europe/Berlin")!)
///     words.subject     // "[INC-12] Checkout failing · update 4 · next update by 14:40 CET"
///     words.nextUpdate  // "Next update by 14:40 CET (13:40 UTC), Sun 29 Nov"
public struct NoticeWording: Sendable {
    public let notice: CustomerNotice
    /// The reader's zone: every time is shown in it, with UTC beside it.
    public let zone: TimeZone

    /// Titles are clipped in the subject line, where a mail client shows one line anyway; the body has them whole.
    static let subjectTitleLength = 120

    public init(_ notice: CustomerNotice, zone: TimeZone) {
        self.notice = notice
        self.zone = zone
    }

    /// `[INC-12] Checkout failing · update 4 · next update by 14:40 CET` (`by Tue 03:00 EST` when it falls on
    /// another day); the opening says `opened · first update by …`, the closure `closed`.
    public var subject: String {
        var title = Self.line(notice.title)
        if title.count > Self.subjectTitleLength { title = String(title.prefix(Self.subjectTitleLength - 1)) + "…" }
        var parts = ["[\(notice.incident)] \(title)"]
        switch notice.occasion {
        case .opened:
            parts.append("opened")
            if let next = notice.nextUpdateAt { parts.append("first update by \(subjectTime(next))") }
        case .briefing:
            parts.append("update \(notice.updateNumber)")
            if let next = notice.nextUpdateAt { parts.append("next update by \(subjectTime(next))") }
        case .closed:
            parts.append("closed")
        }
        return parts.joined(separator: " · ")
    }

    /// `14:40 CET`, or `Tue 03:00 EST` when the promise falls on another day than the update was posted in the
    /// reader's zone: an inbox shows the subject alone, and "by 03:00" read at 04:31 looks already broken.
    private func subjectTime(_ next: Date) -> String {
        day(next, in: zone) == day(notice.postedAt, in: zone) ? clock(next, in: zone)
            : "\(Self.weekdays[Self.fields(next, in: zone).weekday! - 1]) \(clock(next, in: zone))"
    }

    /// The title, one line.
    public var title: String { Self.line(notice.title) }

    /// `INC-12 · update 4`, `INC-12 · opening notice`, `INC-12 · closed (update 5)`.
    public var reference: String {
        switch notice.occasion {
        case .opened: "\(notice.incident) · opening notice"
        case .briefing: "\(notice.incident) · update \(notice.updateNumber)"
        case .closed: "\(notice.incident) · closed (update \(notice.updateNumber))"
        }
    }

    /// `Status: identified`.
    public var status: String { "Status: \(notice.status)" }

    /// `Customer: Acme`, when the incident names one.
    public var customer: String? { notice.customer.map { "Customer: " + Self.line($0) } }

    /// The latest statement of impact, line breaks kept.
    public var impact: String? { notice.impact.map(Self.paragraph) }

    /// What this notice says, line breaks kept.
    public var text: String { Self.paragraph(notice.text) }

    /// The workarounds on offer, oldest first, each with its line breaks kept.
    public var workarounds: [String] { notice.workarounds.map(Self.paragraph) }

    /// `Next update by 14:40 CET (13:40 UTC), Sun 29 Nov`: the reader's clock first, UTC beside it for
    /// colleagues elsewhere (not twice for a reader on UTC), and the day, since the next update may fall
    /// tomorrow. Nil when none is promised.
    public var nextUpdate: String? {
        guard notice.occasion != .closed, let next = notice.nextUpdateAt else { return nil }
        let local = clock(next, in: zone), utc = clock(next, in: Self.utc)
        return "Next update by \(local)" + (local == utc ? "" : " (\(utc))") + ", \(day(next, in: zone))"
    }

    /// `Why then: the database failover finishes around 14:30`, as the account manager gave it.
    public var nextUpdateReason: String? {
        guard nextUpdate != nil, let reason = notice.nextUpdateReason, !reason.isEmpty else { return nil }
        return "Why then: " + Self.line(reason)
    }

    /// What stands where the next update would: the closure's end, or a promise not yet made.
    public var noNextUpdate: String? {
        guard nextUpdate == nil else { return nil }
        return notice.occasion == .closed
            // The closure's own text already says it is closed.
            ? "No further updates are scheduled."
            : "No time for the next update has been set yet."
    }

    /// `Accountable: Jane Doe, +49 30 1234 5678`; nil before anyone is named.
    public var contact: String? {
        guard let contact = notice.contact else { return nil }
        var line = "Accountable: " + Self.line(contact.name)
        if let phone = contact.phone, !phone.isEmpty { line += ", " + Self.line(phone) }
        return line
    }

    /// `Log fingerprint: INC-12:5e1c…`: the hash chain's head at this update, for the customer to keep; nil
    /// when the log carried no hashes.
    public var fingerprint: String? {
        guard let witness = notice.witness else { return nil }
        return "Log fingerprint: \(witness.fullWitness). Our log of this incident is hash-chained: keep this line, and you can have us show that our record up to this update was never changed."
    }

    /// How to stop these updates, for every channel that can take a reply.
    public var unsubscribe: String {
        "You receive this because you are subscribed to updates on \(notice.incident). "
            + "To stop them, reply with the word \"unsubscribe\"."
    }

    // MARK: Time, without locales

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static let utc = TimeZone(identifier: "UTC")!
    /// The zones that are UTC itself, not a place that happens to sit at +00:00 (London in winter says GMT).
    /// Foundation on Linux turns `UTC` into `GMT`, identifier and name, and a customer abroad looks for UTC.
    static let utcIdentifiers: Set = ["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu",
                                      "Zulu", "GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "Greenwich", "Etc/Greenwich"]

    /// `14:40 CET`: a 24-hour clock and the zone's name (CET, not GMT+1; UTC, not GMT).
    func clock(_ date: Date, in zone: TimeZone) -> String {
        let fields = Self.fields(date, in: zone)
        let name = Self.utcIdentifiers.contains(zone.identifier) ? "UTC" : ZoneAbbreviation.of(zone, at: date)
        return Self.twoDigits(fields.hour!) + ":" + Self.twoDigits(fields.minute!) + " " + name
    }

    /// `Sun 29 Nov`.
    func day(_ date: Date, in zone: TimeZone) -> String {
        let fields = Self.fields(date, in: zone)
        return "\(Self.weekdays[fields.weekday! - 1]) \(fields.day!) \(Self.months[fields.month! - 1])"
    }

    static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    /// The Gregorian calendar with the en_US_POSIX locale: the same digits and names on every machine,
    /// whatever the host's locale says.
    static func fields(_ date: Date, in zone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = Locale(identifier: "en_US_POSIX")
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: date)
    }

    // MARK: People's text

    /// One line, every control shown rather than obeyed.
    static func line(_ text: String) -> String {
        TerminalSafeText.sanitize(text, lines: .fold).trimmingCharacters(in: .whitespaces)
    }

    /// Line breaks kept, every other control shown rather than obeyed.
    static func paragraph(_ text: String) -> String {
        TerminalSafeText.sanitize(text, lines: .keep)
    }
}
