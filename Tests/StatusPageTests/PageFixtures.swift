import Foundation
import IncidentModel
import StatusPage

/// Incidents for status page tests, made the way a store makes them: a log of events folded into an
/// `Incident`. Shared by every rendering's tests (HTML, Atom, Statuspage JSON, the event stream).
///
///     let incidents = try PageFixtures.acmeWithCanary(now: PageFixtures.now)
///     let page = CustomerPage(customer: "Acme", incidents: incidents, now: PageFixtures.now)
///     #expect(!rendered.contains(PageFixtures.canary))
enum PageFixtures {
    /// Written into everything the customer must never see: technical entries, who typed what, the
    /// technical lead. A rendering that contains it has leaked the technical channel.
    static let canary = "CANARY-7f3a"
    /// In the title of another customer's incident: a rendering of Acme's page that contains it shows one
    /// customer another's incident.
    static let globexSecret = "GLOBEX-SECRET"

    /// A Sunday afternoon in November, Berlin on CET (UTC+1).
    static let now = date("2026-11-29T14:00:00Z")
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let utc = TimeZone(identifier: "UTC")!

    /// Text that tries to break out of every format the page is written in: XML and HTML markup, a CDATA
    /// end, an entity, every C0 control, XML's forbidden noncharacters, a surrogate pair, and a bidi override.
    static let hostileText = "</content><script>alert(1)</script> ]]> &amp; \"quoted\" 'single' "
        + String(String.UnicodeScalarView((0x00...0x1F).map { Unicode.Scalar($0)! }))
        + " \u{FFFE}\u{FFFF} 🔥👩🏽‍💻 \u{202E}txet desrever\u{202C} \r\n\u{7F}\u{85} end"

    /// An instant written the way people read it.
    static func date(_ text: String) -> Date {
        guard let date = Timestamp.parseISO8601(text) else { fatalError("bad fixture date \(text)") }
        return date
    }

    /// One event of a fixture log: what was recorded, by whom, how many minutes after the opening.
    struct Step {
        let minutes: Double
        let author: String
        let payload: EventPayload
    }

    /// `payload`, recorded `minutes` after the opening by `author`.
    static func at(_ minutes: Double, _ payload: EventPayload, by author: String = "ana") -> Step {
        Step(minutes: minutes, author: author, payload: payload)
    }

    /// The incident whose log is its opening, then `events` numbered 2, 3, … in the order given (as a store
    /// numbers them, so give them in time order).
    static func incident(id: Int, customer: String?, title: String = "Checkout failing for EU cards",
                         severity: Severity = .sev2, openedAt: Date, openedBy: String = "ic",
                         cadence: TimeInterval? = nil, events: [Step] = []) throws -> Incident {
        let incident = IncidentID(id)
        let opening = Event(incident: incident, sequence: 1, recordedAt: openedAt, author: openedBy,
                            payload: .opened(title: title, severity: severity, customer: customer, cadence: cadence))
        let rest = events.enumerated().map { index, step in
            Event(incident: incident, sequence: index + 2, recordedAt: openedAt.addingTimeInterval(step.minutes * 60),
                  author: step.author, payload: step.payload)
        }
        return try Incident(events: [opening] + rest)
    }

    /// Acme's two incidents and one of Globex's, every technical thing in them carrying `canary`:
    ///
    /// - INC-7, Acme, SEV2, open: opened 80 minutes before `now` with Jane Doe as owner; identified, an impact
    ///   and a workaround, update 1 at +15 (next by +45), mitigated, update 2 at +45 (next by +105).
    /// - INC-5, Acme, SEV1, closed: opened two days before `now`; identified, update 1 at +20 (next by +50),
    ///   monitoring, update 2 at +50 (next by +80), resolved, confirmed by the customer, closed at +90.
    /// - INC-8, Globex, SEV1, open: its title and its update carry `globexSecret`.
    static func acmeWithCanary(now: Date) throws -> [Incident] {
        let hidden = canary
        let openAt = now.addingTimeInterval(-80 * 60)
        let open = try incident(
            id: 7, customer: "Acme", title: "Checkout failing for EU cards", severity: .sev2, openedAt: openAt,
            openedBy: "ic-\(hidden)",
            events: [
                at(0, .owner(name: "Jane Doe", phone: "+49 30 1234 5678"), by: "ic-\(hidden)"),
                at(1, .role(.tech, name: "Tech lead \(hidden)", phone: "+1 555 \(hidden)"), by: "ic-\(hidden)"),
                at(2, .note(text: "note \(hidden): the cert on lb-3 expired"), by: "sre-\(hidden)"),
                at(3, .frame(text: "frame \(hidden): find which pool serves EU"), by: "sre-\(hidden)"),
                at(4, .question(text: "question \(hidden): who rotated the cert?"), by: "sre-\(hidden)"),
                at(5, .answer(question: 1, text: "answer \(hidden): nobody, it lapsed"), by: "sre-\(hidden)"),
                at(6, .deadlineSet(text: "deadline \(hidden): new cert", dueAt: openAt.addingTimeInterval(40 * 60),
                                   owner: "owner \(hidden)"), by: "sre-\(hidden)"),
                at(8, .status(.identified), by: "sre-\(hidden)"),
                at(9, .impact(text: "Card payments from the EU fail at checkout."), by: "am-\(hidden)"),
                at(10, .workaround(text: "Pay by invoice, or with a card issued outside the EU."), by: "am-\(hidden)"),
                at(12, .customerRequest(text: "request \(hidden)", reason: "reason \(hidden)"), by: "am-\(hidden)"),
                at(15, .briefing(text: "We found the cause: an expired certificate on one payment gateway.",
                                 nextUpdateAt: openAt.addingTimeInterval(45 * 60),
                                 reason: "the new certificate is being issued"), by: "am-\(hidden)"),
                at(20, .parked(text: "parked \(hidden)"), by: "sre-\(hidden)"),
                at(30, .deadlineSlipped(deadline: 1, dueAt: openAt.addingTimeInterval(60 * 60),
                                        reason: "slipped \(hidden)"), by: "sre-\(hidden)"),
                at(35, .subscribed(Subscription(address: "ops@acme.example", name: "subscriber \(hidden)",
                                                customer: nil, zone: "Europe/Berlin", secret: nil)),
                   by: "am-\(hidden)"),
                at(40, .status(.mitigated), by: "sre-\(hidden)"),
                at(45, .briefing(text: "A new certificate is rolling out; most EU payments succeed again.",
                                 nextUpdateAt: openAt.addingTimeInterval(105 * 60),
                                 reason: "the rollout reaches every gateway by then"), by: "am-\(hidden)"),
                at(50, .deliveryExplained(notice: 18, text: "explained \(hidden)"), by: "am-\(hidden)"),
                at(55, .hookFailed(hook: "on-briefing", status: "exit 3", detail: "detail \(hidden)"), by: "ic-\(hidden)"),
            ])
        let closedAt = now.addingTimeInterval(-2 * 24 * 60 * 60)
        let closed = try incident(
            id: 5, customer: "Acme", title: "Login outage", severity: .sev1, openedAt: closedAt,
            openedBy: "ic-\(hidden)",
            events: [
                at(0, .owner(name: "Jane Doe", phone: "+49 30 1234 5678"), by: "ic-\(hidden)"),
                at(5, .note(text: "note \(hidden)"), by: "sre-\(hidden)"),
                at(10, .status(.identified), by: "sre-\(hidden)"),
                at(20, .briefing(text: "Logins fail for everyone; we know why and are fixing it.",
                                 nextUpdateAt: closedAt.addingTimeInterval(50 * 60), reason: nil), by: "am-\(hidden)"),
                at(30, .status(.monitoring), by: "sre-\(hidden)"),
                at(50, .briefing(text: "Logins work again; we are watching.",
                                 nextUpdateAt: closedAt.addingTimeInterval(80 * 60), reason: nil), by: "am-\(hidden)"),
                at(60, .status(.resolved), by: "sre-\(hidden)"),
                at(70, .confirmed(by: "Bob at Acme", note: "confirmed \(hidden)"), by: "am-\(hidden)"),
                at(75, .followUp(dueAt: closedAt.addingTimeInterval(24 * 60 * 60), text: "follow-up \(hidden)"),
                   by: "am-\(hidden)"),
                at(90, .closed(unconfirmedReason: nil, openItemsReason: "open items \(hidden)"), by: "ic-\(hidden)"),
            ])
        let other = try incident(
            id: 8, customer: "Globex", title: "\(globexSecret) database migration", severity: .sev1,
            openedAt: now.addingTimeInterval(-30 * 60),
            events: [
                at(5, .briefing(text: "\(globexSecret) rollback under way.",
                                nextUpdateAt: now.addingTimeInterval(10 * 60), reason: nil)),
            ])
        return [closed, other, open]
    }

    /// Acme's page out of `acmeWithCanary(now:)`.
    static func acmePage(now: Date = now) throws -> CustomerPage {
        CustomerPage(customer: "Acme", incidents: try acmeWithCanary(now: now), now: now)
    }

    /// An open incident of Acme's with `text` in everything the customer is shown: title, impact, workaround,
    /// owner's name and phone, and the words of both updates.
    static func hostile(_ text: String = hostileText, now: Date = now) throws -> Incident {
        let openAt = now.addingTimeInterval(-30 * 60)
        return try incident(
            id: 9, customer: "Acme", title: "title " + text, severity: .sev3, openedAt: openAt,
            events: [
                at(0, .owner(name: "owner " + text, phone: "phone " + text)),
                at(5, .impact(text: "impact " + text)),
                at(6, .workaround(text: "workaround " + text)),
                at(10, .briefing(text: "briefing " + text, nextUpdateAt: now.addingTimeInterval(30 * 60),
                                 reason: "reason " + text)),
            ])
    }
}
