import Foundation
import IncidentModel

/// A customer's status page as HTML: the whole document for a first load, and the live part alone
/// (`live`) that the event stream sends when something changes, so the page updates without a reload.
///
/// Every piece of text people typed goes through `HTMLEscaping` and nothing else; the page carries no inline
/// script or style (the Content-Security-Policy forbids both), so a briefing that holds markup shows as text.
public struct StatusPageHTML: Sendable {
    public let page: CustomerPage
    public let view: PageView
    /// The zone local times are given in; UTC follows in brackets.
    public let zone: TimeZone
    /// Where the page's own links start: `/s/TOKEN/`.
    public let basePath: String
    /// Seconds between reloads for a browser without JavaScript.
    public static let refreshSeconds = 30

    public init(page: CustomerPage, view: PageView, zone: TimeZone, basePath: String) {
        self.page = page
        self.view = view
        self.zone = zone
        self.basePath = basePath
    }

    private var time: TimeDisplay { TimeDisplay(timeZone: zone) }
    private func e(_ text: String) -> String { HTMLEscaping.escape(text) }
    private func iso(_ date: Date) -> String { Timestamp.iso8601(date) }

    /// The document title: the state at a glance in a browser tab.
    public var title: String {
        let open = page.open.count
        let state = open == 0 ? "no incident under way"
            : open == 1 ? "1 incident under way" : "\(open) incidents under way"
        return "\(page.customer) status: \(state)"
    }

    /// The whole page. `assetVersion` busts caches when the stylesheet or script change.
    public func document(assetVersion: String) -> String {
        let eventsPath = basePath + (view == .wall ? "events?view=wall" : "events")
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="referrer" content="no-referrer">
        <title>\(e(title))</title>
        <link rel="stylesheet" href="/assets/page.css?v=\(assetVersion)">
        <link rel="icon" type="image/svg+xml" href="/assets/favicon.svg?v=\(assetVersion)">
        <link rel="alternate" type="application/atom+xml" title="\(e(page.customer)) status (Atom)" href="\(e(basePath))feed.atom">
        <noscript><meta http-equiv="refresh" content="\(Self.refreshSeconds)"></noscript>
        <script src="/assets/page.js?v=\(assetVersion)" defer></script>
        </head>
        <body class="\(view == .wall ? "wall" : "full")" data-events="\(e(eventsPath))" data-server-now="\(iso(page.now))">
        <header class="masthead">
        <h1>\(e(page.customer)) <span class="muted">status</span></h1>
        <p class="connection" id="connection" hidden>Reconnecting: this page will catch up by itself.</p>
        </header>
        <main id="live" aria-live="polite">
        \(live)</main>
        \(footer)
        </body>
        </html>

        """
    }

    /// What the event stream replaces: everything between the masthead and the footer.
    public var live: String {
        var out = summary
        if page.open.isEmpty {
            out += "<section class=\"calm\"><p>No incident under way.</p></section>\n"
        }
        for incident in page.open { out += view == .wall ? wallIncident(incident) : openIncident(incident) }
        if view == .full { out += past }
        return out
    }

    private var summary: String {
        let updated = page.updatedAt.map { "Last update \(time.absolute($0, now: page.now))." } ?? "No updates yet."
        let state = page.open.isEmpty ? "All clear"
            : page.open.count == 1 ? "1 incident under way" : "\(page.open.count) incidents under way"
        return "<p class=\"summary \(page.open.isEmpty ? "clear" : "active")\"><strong>\(state)</strong> · \(e(updated))</p>\n"
    }

    /// "Next update by 14:40 CET (13:40Z) · in 12:31", ticking in the browser, or "update overdue by 03:10".
    private func promise(_ incident: PageIncident) -> String {
        guard let next = incident.nextUpdateAt else { return "" }
        let countdown = Countdown(target: next, now: page.now)
        let overdue = countdown.isOverdue
        // "overdue by 03:10" reads as the promise's own lateness; the page says whose promise it was.
        let phrase = overdue ? "update " + countdown.phrase : countdown.phrase
        return """
        <p class="promise\(overdue ? " overdue" : "")">Next update by <time datetime="\(iso(next))">\(e(time.absolute(next, now: page.now)))</time> · <span class="countdown" data-deadline="\(iso(next))">\(phrase)</span>\(why(incident))</p>

        """
    }

    private func openIncident(_ incident: PageIncident) -> String {
        let latest = incident.latest
        var out = "<section class=\"incident\" id=\"\(e(incident.id.description))\">\n"
        out += "<h2>\(e(incident.title))</h2>\n"
        out += "<p class=\"meta\"><span class=\"status status-\(latest.status.rawValue)\">\(e(Self.statusName(latest.status)))</span>"
            + " · \(e(incident.id.description)) · opened \(e(time.absolute(incident.openedAt, now: page.now)))</p>\n"
        out += promise(incident)
        out += facts(latest)
        out += "<h3>Updates</h3>\n<ol class=\"updates\" reversed>\n"
        for notice in incident.updates.reversed() { out += update(notice) }
        out += "</ol>\n</section>\n"
        return out
    }

    private func wallIncident(_ incident: PageIncident) -> String {
        let latest = incident.latest
        var out = "<section class=\"incident\" id=\"\(e(incident.id.description))\">\n"
        out += "<h2>\(e(incident.title))</h2>\n"
        out += "<p class=\"meta\"><span class=\"status status-\(latest.status.rawValue)\">\(e(Self.statusName(latest.status)))</span>"
            + " · \(e(incident.id.description))</p>\n"
        out += promise(incident)
        out += "<p class=\"latest\">\(HTMLEscaping.escapeKeepingLines(latest.text))</p>\n"
        out += "<p class=\"posted\">\(e(updateName(latest))) · \(e(time.absolute(latest.postedAt, now: page.now)))</p>\n"
        if let contact = latest.contact {
            out += "<p class=\"contact\">\(e(contactLine(contact)))</p>\n"
        }
        if let witness = latest.witness {
            out += "<p class=\"fingerprint\">Log fingerprint <code>\(e(witness.fullWitness))</code></p>\n"
        }
        return out + "</section>\n"
    }

    private func facts(_ latest: CustomerNotice) -> String {
        var out = "<dl class=\"facts\">\n"
        if let impact = latest.impact {
            out += "<dt>Impact</dt><dd>\(HTMLEscaping.escapeKeepingLines(impact))</dd>\n"
        }
        if !latest.workarounds.isEmpty {
            out += "<dt>Workarounds</dt><dd><ul>"
                + latest.workarounds.map { "<li>\(HTMLEscaping.escapeKeepingLines($0))</li>" }.joined() + "</ul></dd>\n"
        }
        if let contact = latest.contact {
            out += "<dt>Your contact</dt><dd>\(e(contact.name))"
            if let phone = contact.phone {
                out += " · <a href=\"tel:\(e(Self.dialable(phone)))\">\(e(phone))</a>"
            }
            out += "</dd>\n"
        }
        // The log's hash chain at this update: the customer can keep it and have us show later that our
        // record up to here was never changed.
        if let witness = latest.witness {
            out += "<dt>Log fingerprint</dt><dd class=\"fingerprint\"><code>\(e(witness.fullWitness))</code></dd>\n"
        }
        return out + "</dl>\n"
    }

    /// The reason given for the time, under it: the mail and the webhook carry it, and a customer told "by
    /// 15:10" waits more calmly knowing why then (behavior 9; found in review).
    private func why(_ incident: PageIncident) -> String {
        guard let reason = incident.nextUpdateReason else { return "" }
        return "<br><span class=\"why\">Why then: \(e(reason))</span>"
    }

    private func update(_ notice: CustomerNotice) -> String {
        var out = "<li><article class=\"update update-\(notice.occasion.rawValue)\">\n"
        out += "<p class=\"posted\"><strong>\(e(updateName(notice)))</strong> · <time datetime=\"\(iso(notice.postedAt))\">"
            + "\(e(time.absolute(notice.postedAt, now: page.now)))</time> · \(e(Self.statusName(notice.status)))</p>\n"
        out += "<p class=\"text\">\(HTMLEscaping.escapeKeepingLines(notice.text))</p>\n"
        if let next = notice.nextUpdateAt, notice.occasion != .closed {
            out += "<p class=\"next\">Next update promised by \(e(time.absolute(next, now: page.now)))</p>\n"
        }
        return out + "</article></li>\n"
    }

    private var past: String {
        guard !page.past.isEmpty else { return "" }
        var out = "<section class=\"past\">\n<h2>Past incidents</h2>\n<table>\n"
        out += "<thead><tr><th scope=\"col\">Incident</th><th scope=\"col\">Opened</th><th scope=\"col\">Lasted</th>"
            + "<th scope=\"col\">Updates on time</th></tr></thead>\n<tbody>\n"
        for incident in page.past {
            let onTime = incident.updatesOnTime
            out += "<tr><td>\(e(incident.title)) <span class=\"muted\">\(e(incident.id.description))</span></td>"
                + "<td><time datetime=\"\(iso(incident.openedAt))\">\(e(time.absolute(incident.openedAt, now: page.now)))</time></td>"
                + "<td>\(e(ReadableDuration.format(incident.duration ?? 0)))</td>"
                + "<td>\(onTime.settled == 0 ? "none due" : "\(onTime.kept) of \(onTime.settled)")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private var footer: String {
        let zoneName = time.zoneName(at: page.now)
        let base = e(basePath)
        let other = view == .wall ? "<a href=\"\(base)\">Full page</a>" : "<a href=\"\(base)?view=wall\">Wall view</a>"
        return """
        <footer>
        <p>Times in \(e(zoneName)), UTC in brackets. This page follows our updates as they are posted.</p>
        <p><a href="\(base)feed.atom">Atom feed</a> · <a href="\(base)api/v2/incidents.json">JSON</a> · \(other)</p>
        </footer>
        """
    }

    private func updateName(_ notice: CustomerNotice) -> String {
        switch notice.occasion {
        case .opened: "Opened"
        case .briefing: "Update \(notice.updateNumber)"
        case .closed: "Closed"
        }
    }

    private func contactLine(_ contact: CustomerContact) -> String {
        "Your contact: " + contact.name + (contact.phone.map { " · \($0)" } ?? "")
    }

    static func statusName(_ status: IncidentStatus) -> String {
        status.rawValue.prefix(1).uppercased() + status.rawValue.dropFirst()
    }

    /// A phone number as a `tel:` link takes it: digits and a leading plus only.
    static func dialable(_ phone: String) -> String {
        String(phone.enumerated().filter { $0.element.isASCII && ($0.element.isNumber || ($0.offset == 0 && $0.element == "+")) }.map(\.element))
    }
}
